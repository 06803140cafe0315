package io.iptscope.detect;

import static io.iptscope.detect.Fixtures.bins;
import static io.iptscope.detect.Fixtures.evidence;
import static io.iptscope.detect.Fixtures.obs;
import static io.iptscope.rules.Backend.LEGACY;
import static io.iptscope.rules.Backend.NFT;
import static io.iptscope.rules.Family.IPV4;
import static io.iptscope.rules.Family.IPV6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.Variant;
import io.iptscope.rules.Family;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StrategiesTest {

    private static Verdict decide(String strategy, Observation o, Family f) {
        return Strategies.byId(strategy).orElseThrow().decide(o, f);
    }

    private static void assertVerdict(VerdictBackend expected, Basis basis, Verdict v) {
        assertEquals(expected, v.backend(), () -> v.strategy() + " " + v.family().id() + ": " + v.trace());
        assertEquals(basis, v.basis(), () -> v.strategy() + " " + v.family().id() + ": " + v.trace());
    }

    private static boolean traceMentions(Verdict v, String text) {
        return v.trace().stream().anyMatch(s -> s.text().contains(text));
    }

    @Nested
    class Seed {
        @Test
        void nothingAnywhereFallsToTheSystemDefault() {
            Verdict v = decide("seed", obs(bins(LEGACY, "1.8.9"), evidence()), IPV4);
            assertVerdict(VerdictBackend.LEGACY, Basis.DEFAULT, v);
            assertEquals("iptables", v.binary().name());
        }

        @Test
        void nftWithRulesWinsEvenOverLegacyWithRules() {
            Verdict v = decide("seed", obs(bins(LEGACY, "1.8.9"), evidence().rules(NFT, IPV4, 3).rules(LEGACY, IPV4, 50)), IPV4);
            assertVerdict(VerdictBackend.NFT, Basis.RULES, v);
            assertEquals("iptables-nft-save", v.save().name());
        }

        @Test
        void legacyWithRulesNeedsItsBinary() {
            Observation withBinary = obs(bins(NFT, "1.8.9"), evidence().rules(LEGACY, IPV6, 4));
            assertVerdict(VerdictBackend.LEGACY, Basis.RULES, decide("seed", withBinary, IPV6));
            Observation without = obs(bins(NFT, "1.8.9").withoutVariant(Variant.LEGACY), evidence().rules(LEGACY, IPV6, 4));
            assertVerdict(VerdictBackend.NFT, Basis.DEFAULT, decide("seed", without, IPV6));
        }

        @Test
        void noDefaultAndNoRulesMeansNone() {
            Verdict v = decide("seed", obs(bins(NFT, "1.8.9").without("iptables"), evidence()), IPV4);
            assertVerdict(VerdictBackend.NONE, Basis.FAILED, v);
            assertNull(v.binary());
        }
    }

    @Nested
    class Istio {
        @Test
        void legacyWithRulesWins() {
            Verdict v = decide("istio", obs(bins(NFT, "1.8.9"), evidence().rules(LEGACY, IPV4, 1).rules(NFT, IPV4, 100)), IPV4);
            assertVerdict(VerdictBackend.LEGACY, Basis.LINE_COUNT, v);
        }

        @Test
        void emptyLegacyTablesCountAsRulesBecauseIstioCountsLines() {
            Verdict v = decide("istio", obs(bins(NFT, "1.8.9"), evidence().emptyLegacy(IPV4, "nat")), IPV4);
            assertVerdict(VerdictBackend.LEGACY, Basis.LINE_COUNT, v);
            assertTrue(traceMentions(v, "empty legacy tables, not rules"));
        }

        @Test
        void aFreshNetnsGivesNftAndWarnsThatTheProbePrimesLegacy() {
            Verdict v = decide("istio", obs(bins(NFT, "1.8.9"), evidence()), IPV4);
            assertVerdict(VerdictBackend.NFT, Basis.DEFAULT, v);
            assertTrue(traceMentions(v, "istio#61020"), v.trace().toString());
            assertTrue(v.trace().stream().anyMatch(s -> s.kind() == TraceStep.Kind.NOTE && s.text().contains("not run here")));
        }

        @Test
        void withoutNftBinariesItFallsToThePlainName() {
            Verdict v = decide("istio", obs(bins(LEGACY, "1.8.9").withoutVariant(Variant.NFT), evidence()), IPV4);
            assertVerdict(VerdictBackend.LEGACY, Basis.DEFAULT, v);
            assertEquals("iptables", v.binary().name());
        }

        @Test
        void familiesAreDecidedSeparately() {
            Observation o = obs(bins(NFT, "1.8.9"), evidence().rules(LEGACY, IPV4, 10));
            assertVerdict(VerdictBackend.LEGACY, Basis.LINE_COUNT, decide("istio", o, IPV4));
            assertVerdict(VerdictBackend.NFT, Basis.DEFAULT, decide("istio", o, IPV6));
        }

        @Test
        void nothingUsableFails() {
            Observation o = obs(bins(NFT, "1.8.9").withoutVariant(Variant.NFT).withoutVariant(Variant.LEGACY)
                    .without("iptables-save"), evidence());
            assertVerdict(VerdictBackend.NONE, Basis.FAILED, decide("istio", o, IPV4));
        }

        @Test
        void forceIptablesBinaryOverridesTheLineCount() {
            Observation o = obs(bins(NFT, "1.8.9"), evidence().rules(LEGACY, IPV4, 10).rules(LEGACY, IPV6, 10));
            Strategy forced = new IstioStrategy(new DetectOptions("iptables-nft", false).istioForcedVariant());
            Verdict v4 = forced.decide(o, IPV4);
            assertVerdict(VerdictBackend.NFT, Basis.OVERRIDE, v4);
            assertEquals("iptables-nft", v4.binary().name());
            assertTrue(traceMentions(v4, "FORCE_IPTABLES_BINARY=iptables-nft"), v4.trace().toString());
            assertEquals("ip6tables-nft", forced.decide(o, IPV6).binary().name());
            assertVerdict(VerdictBackend.LEGACY, Basis.LINE_COUNT, decide("istio", o, IPV4));
        }

        @Test
        void aForcedBinaryTheSourceLacksFailsInsteadOfFallingBack() {
            Observation o = obs(bins(NFT, "1.8.9").withoutVariant(Variant.LEGACY), evidence());
            Verdict v = new IstioStrategy(new DetectOptions("iptables-legacy", false).istioForcedVariant()).decide(o, IPV4);
            assertVerdict(VerdictBackend.NONE, Basis.OVERRIDE, v);
            assertTrue(traceMentions(v, "Istio fails instead of falling back"), v.trace().toString());
        }

        @Test
        void theOptionsReachTheStrategiesAndRejectUnknownNames() {
            Observation o = obs(bins(NFT, "1.8.9"), evidence());
            List<Verdict> all = Strategies.decideAll(o, new DetectOptions("iptables-legacy", true));
            assertTrue(all.stream().anyMatch(v -> v.strategy() == StrategyId.ISTIO && v.basis() == Basis.OVERRIDE
                    && v.backend() == VerdictBackend.LEGACY));
            assertTrue(all.stream().anyMatch(v -> v.strategy() == StrategyId.DOCKER_DIND && v.basis() == Basis.OVERRIDE
                    && v.backend() == VerdictBackend.LEGACY));
            assertThrows(IllegalArgumentException.class, () -> new DetectOptions("nft", false));
        }

        @Test
        void anNftReadThatTimesOutMakesNftUnusable() {
            Observation o = obs(bins(NFT, "1.8.9"), evidence().status(NFT, IPV4, ReadStatus.TIMEOUT));
            Verdict v = decide("istio", o, IPV4);
            assertVerdict(VerdictBackend.NFT, Basis.DEFAULT, v);
            assertEquals("iptables", v.binary().name(), "falls to the plain name, which is nft here");
        }
    }

    @Nested
    class DockerDind {
        @Test
        void dockerIptablesLegacyWinsOverAnEmptyKernel() {
            Observation o = obs(bins(NFT, "1.8.9"), evidence().rules(NFT, IPV4, 5));
            Verdict forced = new DindStrategy(true).decide(o, IPV4);
            assertVerdict(VerdictBackend.LEGACY, Basis.OVERRIDE, forced);
            assertTrue(traceMentions(forced, "DOCKER_IPTABLES_LEGACY is set"), forced.trace().toString());
            Verdict plain = decide("docker-dind", o, IPV4);
            assertVerdict(VerdictBackend.NFT, Basis.DEFAULT, plain);
            assertTrue(traceMentions(plain, "DOCKER_IPTABLES_LEGACY is unset"), plain.trace().toString());
        }
    }

    @Nested
    class WrappersV1 {
        @Test
        void aTieOfZeroGoesToLegacy() {
            assertVerdict(VerdictBackend.LEGACY, Basis.TIE, decide("wrappers-v1", obs(bins(NFT, "1.8.9"), evidence()), IPV4));
        }

        @Test
        void familiesAreSummedAndOneAnswerServesBoth() {
            Observation o = obs(bins(NFT, "1.8.9"), evidence().rules(LEGACY, IPV4, 5).rules(NFT, IPV6, 8));
            assertVerdict(VerdictBackend.NFT, Basis.RULES, decide("wrappers-v1", o, IPV4));
            assertVerdict(VerdictBackend.NFT, Basis.RULES, decide("wrappers-v1", o, IPV6));
        }

        @Test
        void version183SkipsNftWhenLegacyHasTenRules() {
            Observation o = obs(bins(NFT, "1.8.3"), evidence().rules(LEGACY, IPV4, 10).rules(NFT, IPV4, 500));
            assertVerdict(VerdictBackend.LEGACY, Basis.RULES, decide("wrappers-v1", o, IPV4));
            Observation few = obs(bins(NFT, "1.8.3"), evidence().rules(LEGACY, IPV4, 9).rules(NFT, IPV4, 500));
            assertVerdict(VerdictBackend.NFT, Basis.RULES, decide("wrappers-v1", few, IPV4));
        }

        @Test
        void theInstallerRefusesBrokenVersions() {
            assertVerdict(VerdictBackend.NONE, Basis.REFUSED, decide("wrappers-v1", obs(bins(NFT, "1.8.2"), evidence()), IPV4));
        }
    }

    @Nested
    class WrappersV2 {
        @Test
        void nftHintBeatsLegacyRuleCount() {
            Observation o = obs(bins(NFT, "1.8.9"), evidence().hint(NFT, IPV6).rules(LEGACY, IPV4, 1000));
            assertVerdict(VerdictBackend.NFT, Basis.KUBELET_HINT, decide("wrappers-v2", o, IPV4));
        }

        @Test
        void legacyHintAnywhereInTheDumpCounts() {
            Observation o = obs(bins(NFT, "1.8.9"), evidence().marker(LEGACY, IPV4, "nat", Markers.KUBE_KUBELET_CANARY)
                    .rules(NFT, IPV4, 1000));
            assertVerdict(VerdictBackend.LEGACY, Basis.KUBELET_HINT, decide("wrappers-v2", o, IPV4));
        }

        @Test
        void aTieGoesToNft() {
            Observation o = obs(bins(LEGACY, "1.8.9"), evidence().rules(LEGACY, IPV4, 7).rules(NFT, IPV6, 7));
            assertVerdict(VerdictBackend.NFT, Basis.TIE, decide("wrappers-v2", o, IPV6));
        }

        @Test
        void version183IsRefused() {
            assertVerdict(VerdictBackend.NONE, Basis.REFUSED, decide("wrappers-v2", obs(bins(NFT, "1.8.3"), evidence()), IPV4));
        }
    }

    @Nested
    class WrappersV3 {
        @Test
        void noHintMeansNftWhateverTheCounts() {
            Observation o = obs(bins(LEGACY, "1.8.9"), evidence().rules(LEGACY, IPV4, 1000));
            assertVerdict(VerdictBackend.NFT, Basis.DEFAULT, decide("wrappers-v3", o, IPV4));
        }

        @Test
        void legacyHintWins() {
            Observation o = obs(bins(NFT, "1.8.9"), evidence().hint(LEGACY, IPV6));
            assertVerdict(VerdictBackend.LEGACY, Basis.KUBELET_HINT, decide("wrappers-v3", o, IPV4));
        }

        @Test
        void withoutTheMultiBinaryTheHintIsNotSeen() {
            Observation o = obs(bins(NFT, "1.8.9").without("xtables-legacy-multi"), evidence().hint(LEGACY, IPV4));
            assertVerdict(VerdictBackend.NFT, Basis.DEFAULT, decide("wrappers-v3", o, IPV4));
        }

        @Test
        void withoutIptablesInSbinItFails() {
            assertVerdict(VerdictBackend.NONE, Basis.FAILED,
                    decide("wrappers-v3", obs(bins(NFT, "1.8.9").without("iptables"), evidence()), IPV6));
        }
    }

    @Nested
    class Calico {
        @Test
        void zeroEqualsZeroGoesToLegacy() {
            assertVerdict(VerdictBackend.LEGACY, Basis.TIE, decide("calico", obs(bins(NFT, "1.8.9"), evidence()), IPV4));
        }

        @Test
        void nftHintWins() {
            Observation o = obs(bins(NFT, "1.8.9"), evidence().hint(NFT, IPV4).rules(LEGACY, IPV4, 50));
            assertVerdict(VerdictBackend.NFT, Basis.KUBELET_HINT, decide("calico", o, IPV6));
        }

        @Test
        void legacyIsNotReadWhenItsProcFileIsAbsent() {
            Observation o = obs(bins(NFT, "1.8.9"), evidence().rules(LEGACY, IPV4, 50).rules(NFT, IPV4, 2)
                    .noLegacyProcFile(IPV4).noLegacyProcFile(IPV6));
            assertVerdict(VerdictBackend.NFT, Basis.RULES, decide("calico", o, IPV4));
        }

        @Test
        void withoutLegacySaveTheFallbackReadsTheOtherBackend() {
            // The plain iptables-save is nft here, so felix's "legacy" count is really the nft count: 5 >= 5.
            Observation o = obs(bins(NFT, "1.8.9").without("iptables-legacy-save", "ip6tables-legacy-save"),
                    evidence().rules(NFT, IPV4, 5));
            Verdict v = decide("calico", o, IPV4);
            assertVerdict(VerdictBackend.LEGACY, Basis.TIE, v);
            assertTrue(traceMentions(v, "falls back to iptables-save"), v.trace().toString());
        }
    }

    @Nested
    class Iptscope {
        @Test
        void kubeletHintDecidesPerFamily() {
            Observation o = obs(bins(LEGACY, "1.8.9"), evidence().hint(NFT, IPV4).rules(LEGACY, IPV4, 100)
                    .hint(LEGACY, IPV6).rules(NFT, IPV6, 100));
            assertVerdict(VerdictBackend.NFT, Basis.KUBELET_HINT, decide("iptscope", o, IPV4));
            assertVerdict(VerdictBackend.LEGACY, Basis.KUBELET_HINT, decide("iptscope", o, IPV6));
        }

        @Test
        void hintsInBothFallToCanaryThenRules() {
            Observation o = obs(bins(LEGACY, "1.8.9"), evidence().hint(NFT, IPV4).hint(LEGACY, IPV4)
                    .rules(NFT, IPV4, 30).rules(LEGACY, IPV4, 3));
            Verdict v = decide("iptscope", o, IPV4);
            assertVerdict(VerdictBackend.NFT, Basis.RULES, v);
            assertTrue(traceMentions(v, "both backends carry kubelet's hint"));

            Observation canary = obs(bins(LEGACY, "1.8.9"), evidence().hint(NFT, IPV4).hint(LEGACY, IPV4)
                    .marker(LEGACY, IPV4, "mangle", Markers.KUBE_PROXY_CANARY).rules(NFT, IPV4, 30));
            assertVerdict(VerdictBackend.LEGACY, Basis.CANARY, decide("iptscope", canary, IPV4));
        }

        @Test
        void aTieOfRulesIsNamedAndGoesToTheDefault() {
            Observation o = obs(bins(LEGACY, "1.8.9"), evidence().rules(NFT, IPV4, 12).rules(LEGACY, IPV4, 12));
            Verdict v = decide("iptscope", o, IPV4);
            assertVerdict(VerdictBackend.LEGACY, Basis.TIE, v);
            assertTrue(traceMentions(v, "tie: both hold 12 rules"));
        }

        @Test
        void nothingAnywhereIsTheDefault() {
            assertVerdict(VerdictBackend.NFT, Basis.DEFAULT, decide("iptscope", obs(bins(NFT, "1.8.9"), evidence()), IPV6));
        }

        @Test
        void withoutAPlainNameTheSourcesOwnBackendIsUsedNftFirst() {
            Observation o = obs(bins(NFT, "1.8.9").without("iptables"), evidence());
            assertVerdict(VerdictBackend.NFT, Basis.DEFAULT, decide("iptscope", o, IPV4));
            Observation legacyOnly = obs(bins(NFT, "1.8.9").without("iptables").withoutVariant(Variant.NFT), evidence());
            assertVerdict(VerdictBackend.LEGACY, Basis.DEFAULT, decide("iptscope", legacyOnly, IPV4));
        }

        @Test
        void anUnreadableBackendIsSaidNotAssumedEmpty() {
            Observation o = obs(bins(NFT, "1.8.9"), evidence().rules(LEGACY, IPV4, 3).status(NFT, IPV4, ReadStatus.TIMEOUT));
            Verdict v = decide("iptscope", o, IPV4);
            assertVerdict(VerdictBackend.LEGACY, Basis.RULES, v);
            assertTrue(v.trace().stream().anyMatch(s -> s.kind() == TraceStep.Kind.NOTE && s.text().contains("timeout")));
        }

        @Test
        void missingBinariesOfTheChoiceAreNamed() {
            Observation o = obs(bins(NFT, "1.8.9").withoutVariant(Variant.LEGACY), evidence().rules(LEGACY, IPV4, 3));
            Verdict v = decide("iptscope", o, IPV4);
            assertVerdict(VerdictBackend.LEGACY, Basis.RULES, v);
            assertTrue(!v.binary().present() && traceMentions(v, "lacks iptables-legacy"));
        }
    }

    @Test
    void everyStrategyAnswersForBothFamilies() {
        Observation o = obs(bins(NFT, "1.8.9"), evidence().rules(NFT, IPV4, 1));
        assertEquals(Strategies.ALL.size() * 2, Strategies.decideAll(o).size());
        assertEquals(Strategies.ids().size(), Strategies.ids().stream().distinct().count());
    }
}

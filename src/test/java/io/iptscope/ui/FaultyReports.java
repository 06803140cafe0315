package io.iptscope.ui;

/** Reports with a fault a test cannot produce on demand, written into the shipped sample. */
public final class FaultyReports {

    private FaultyReports() {
    }

    /**
     * The sample as a detection whose nft ipv4 read timed out (as on a 100k-rule node): the fault is
     * written into the report, since a real timeout cannot be produced on demand in a unit test.
     */
    public static io.iptscope.report.DetectionReport timedOutNft() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(io.iptscope.report.Reports.toJson(io.iptscope.ui.main.MainViewModel.readSample()));
        for (com.fasterxml.jackson.databind.JsonNode fam : tree.path("evidence").path("families")) {
            if (fam.path("family").asText().equals("ipv4")) {
                com.fasterxml.jackson.databind.node.ObjectNode nft =
                        (com.fasterxml.jackson.databind.node.ObjectNode) fam.path("nft");
                nft.put("status", "timeout");
                nft.put("detail", "timed out after 5 s");
                nft.putArray("tables");
            }
        }
        com.fasterxml.jackson.databind.node.ArrayNode findings = tree.putArray("findings");
        findings.addObject().put("id", "read-incomplete").put("severity", "warning").put("family", "ipv4")
                .put("message", "nft ipv4 could not be read (timeout): timed out after 5 s")
                .put("impact", "the verdicts cannot see this backend's rules")
                .put("action", "check for a hung iptables, raise --timeout for very large rulesets");
        return io.iptscope.report.Reports.fromJson(json.writeValueAsString(tree));
    }
}

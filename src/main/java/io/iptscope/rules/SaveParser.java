package io.iptscope.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads iptables-save output and iptables-restore input with the rules of iptables-restore (iptables
 * 1.8, legacy and nft). It is total: any text gives a result, problems become {@link ParseError}s with
 * line and column, and reading goes on after them where that makes sense.
 *
 * <p>Hot-path notes: lines are found with {@link String#indexOf(int, int)}, rule lines are scanned once
 * without building their arguments (only {@code -A} and the chain name are extracted), chain names are
 * shared between rules.
 */
public final class SaveParser {

    /** iptables-restore reads lines with {@code fgets} into 10240 bytes, the newline included. */
    static final int MAX_LINE_BYTES = 10239;
    /** {@code MAX_ARGC} of iptables-restore. */
    static final int MAX_ARGS = 255;
    /** {@code XT_EXTENSION_MAXNAMELEN} is 29 with the NUL. */
    static final int MAX_CHAIN_NAME = 28;
    /** The argument buffer of {@code add_param_to_argv} is 1024 bytes with the NUL. */
    static final int MAX_ARG_BYTES = 1023;
    /** Past this, errors are counted but not kept: a CRLF file would otherwise give one per line. */
    static final int MAX_ERRORS = 1000;

    private static final String[] USUAL_POLICIES = {Chain.NO_POLICY, "ACCEPT", "DROP"};

    private SaveParser() {
    }

    /**
     * Never throws for any input; errors are collected.
     *
     * @param sourceName used in error messages: a file name, {@code -}, {@code <stdin>}, a tool name
     */
    public static ParseResult parse(String text, String sourceName) {
        String source = sourceName == null ? "-" : sourceName;
        if (text == null) {
            return new ParseResult(Ruleset.empty(), List.of());
        }
        try {
            Run run = new Run(source, t -> { });
            run.chunk(text);
            return run.finish();
        } catch (RuntimeException | StackOverflowError bug) {
            return internalError(source, bug);
        }
    }

    /** {@link #parse} of the ASCII text {@code bytes[0, length)}, scanned in place (see {@link DumpInput#parse}). */
    static ParseResult parseAscii(byte[] bytes, int length, String sourceName) {
        String source = sourceName == null ? "-" : sourceName;
        try {
            Run run = new Run(source, t -> { });
            run.chunk(new String(bytes, 0, length, StandardCharsets.ISO_8859_1), bytes, 0);
            return run.finish();
        } catch (RuntimeException | StackOverflowError bug) {
            return internalError(source, bug);
        }
    }

    /** Totality is part of the contract: a defect here must surface as an error, not crash a caller. */
    private static ParseResult internalError(String source, Throwable bug) {
        return new ParseResult(Ruleset.empty(), List.of(new ParseError(source, 1, 1, "internal parser error: " + bug)));
    }

    /**
     * The same parse fed with UTF-8 bytes as they arrive (a save's output while the save still runs), so that the
     * parse ends with the read instead of starting after it. Complete lines are parsed at once; the result is the one
     * {@link #parse} gives for all the bytes. Feeding and finishing may happen on different threads, one at a time.
     */
    public static final class Incremental {
        private final String source;
        private Run run;
        private Throwable bug;
        private byte[] pending = new byte[0];
        private int pendingLength;
        private long bytes;
        private int newlines;
        private ParseResult result;

        public Incremental(String sourceName) {
            this(sourceName, t -> { });
        }

        /**
         * @param onTable gets each table as soon as it is complete (in file order, on the feeding thread), so that
         *                work on a table can go on while the rest is read; it must not throw
         */
        public Incremental(String sourceName, Consumer<Table> onTable) {
            this.source = sourceName == null ? "-" : sourceName;
            this.run = new Run(source, onTable);
        }

        /**
         * Parses the complete lines so far; keeps the rest of the last line for the next call. Bytes after
         * {@link #finish} (a reader that outlived its command) are not part of the result and are dropped.
         */
        public synchronized void feed(byte[] data, int offset, int length) {
            if (result != null) {
                return;
            }
            bytes += length;
            int lastNewline = -1;
            for (int i = offset + length - 1; i >= offset; i--) {
                if (data[i] == '\n') {
                    lastNewline = i;
                    break;
                }
            }
            if (lastNewline < 0) {
                keep(data, offset, length);
                return;
            }
            for (int i = offset; i <= lastNewline; i++) {
                if (data[i] == '\n') {
                    newlines++;
                }
            }
            byte[] lines = data;
            int from = offset;
            int to = lastNewline + 1;
            if (pendingLength > 0) {
                keep(data, offset, to - offset);
                lines = pending;
                from = 0;
                to = pendingLength;
                pendingLength = 0;
            }
            parse(lines, from, to);
            keep(data, lastNewline + 1, offset + length - lastNewline - 1);
        }

        /** How many bytes were fed. */
        public synchronized long bytes() {
            return bytes;
        }

        /** How many lines the bytes fed so far end (a last line without its newline is not counted). */
        public synchronized int newlines() {
            return newlines;
        }

        /** The result for everything fed: the last line may lack its newline. */
        public synchronized ParseResult finish() {
            if (result == null) {
                if (pendingLength > 0) {
                    parse(pending, 0, pendingLength);
                    pendingLength = 0;
                }
                result = finished();
                pending = null;
                run = null;
            }
            return result;
        }

        private ParseResult finished() {
            if (bug == null) {
                try {
                    return run.finish();
                } catch (RuntimeException | StackOverflowError e) {
                    bug = e;
                }
            }
            return internalError(source, bug);
        }

        /**
         * Parses the lines of {@code bytes[from, to)}. ASCII (all of a save, but for comments) is scanned in place,
         * as its characters are its bytes: no second copy of a 15 MB save.
         */
        private void parse(byte[] bytes, int from, int to) {
            if (bug != null) {
                return;
            }
            try {
                // ASCII decodes the same as Latin-1, which is a copy; UTF-8 would look for non-ASCII bytes once more.
                if (ascii(bytes, from, to)) {
                    run.chunk(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1), bytes, from);
                } else {
                    run.chunk(new String(bytes, from, to - from, StandardCharsets.UTF_8));
                }
            } catch (RuntimeException | StackOverflowError e) {
                bug = e;
            }
        }

        private void keep(byte[] data, int offset, int length) {
            if (length == 0) {
                return;
            }
            if (pendingLength + length > pending.length) {
                pending = java.util.Arrays.copyOf(pending, Math.max(pendingLength + length, pending.length * 2));
            }
            System.arraycopy(data, offset, pending, pendingLength, length);
            pendingLength += length;
        }
    }

    private static final class TableBuilder {
        final String name;
        final int line;
        final String text;
        final ChainIndex chains = new ChainIndex();
        final List<Chain> order = new ArrayList<>();
        final List<Rule> commands = new ArrayList<>();
        Chain lastChain;

        TableBuilder(String name, int line, String text) {
            this.name = name;
            this.line = line;
            this.text = text;
        }

        void put(Chain chain) {
            chains.putIfAbsent(chain);
            order.add(chain);
        }

        Table build(int commitLine) {
            return new Table(name, line, text, commitLine, order, chains, commands);
        }
    }

    /** One parse; its text comes in chunks of whole lines (the last may lack its newline), rules keep their chunk. */
    private static final class Run {
        /** The chunk being parsed. */
        private String text;
        /**
         * The text's characters as one byte each, a character over Latin-1 as {@code '?'}: the scans below only
         * compare with ASCII, and a byte array is read several times faster than {@code String.charAt} in the
         * client compiler's code that a command-line run uses (about 40% of a parse was {@code charAt}).
         */
        private byte[] latin1;
        /** Where the text's first character is in {@link #latin1}: a fed chunk of ASCII is scanned in place. */
        private int base;
        private final String source;
        private final Consumer<Table> onTable;
        private final List<ParseError> errors = new ArrayList<>();
        private int suppressedErrors;
        private final List<SaveHeader> headers = new ArrayList<>();
        private final List<Table> tables = new ArrayList<>();
        private final List<SpecialLine> specials = new ArrayList<>();
        private final List<CommentLine> comments = new ArrayList<>();
        private final Map<String, String> policies = new HashMap<>();
        private TableBuilder table;
        private int lineNo;
        /** Whether any character was read, and how many follow the last newline read. */
        private boolean anyText;
        private int charsAfterLastNewline;

        // Results of scan(), reused for every rule line to avoid allocation.
        private int argCount;
        private int tooManyArgsAt;
        private int openQuoteAt;
        private int longArgAt;
        private boolean unsupportedRevision;
        /** Where an unquoted {@code -t...} or {@code --table} argument starts, or -1. */
        private int tableOptionAt;
        private int t0s;
        private int t0e;
        private int t1s;
        private int t1e;
        private boolean t0quoted;
        private boolean t1quoted;

        Run(String source, Consumer<Table> onTable) {
            this.source = source;
            this.onTable = onTable;
        }

        /** A table is complete: committed, cut off by the next one, or at the end. */
        private void ended(Table t) {
            tables.add(t);
            onTable.accept(t);
        }

        void chunk(String chunk) {
            chunk(chunk, oneBytePerChar(chunk), 0);
        }

        /** {@code bytes[offset...]} are the chunk's characters one byte each. */
        void chunk(String chunk, byte[] bytes, int offset) {
            text = chunk;
            latin1 = bytes;
            base = offset;
            int n = chunk.length();
            int pos = 0;
            while (pos < n) {
                int nl = chunk.indexOf('\n', pos);
                int end = nl < 0 ? n : nl;
                lineNo++;
                line(pos, end);
                pos = end + 1;
            }
            if (n > 0) {
                anyText = true;
                charsAfterLastNewline = chunk.charAt(n - 1) == '\n' ? 0 : n - (chunk.lastIndexOf('\n') + 1);
            }
        }

        ParseResult finish() {
            if (table != null) {
                boolean endsWithNewline = anyText && charsAfterLastNewline == 0;
                int line = endsWithNewline || lineNo == 0 ? lineNo + 1 : lineNo;
                int col = charsAfterLastNewline + 1;
                error(line, col, "missing COMMIT for table '" + table.name + "' (started at line " + table.line
                        + ") at end of file");
                ended(table.build(0));
            }
            if (suppressedErrors > 0) {
                errors.add(new ParseError(source, lineNo, 1, "... and " + suppressedErrors + " more errors"));
            }
            Ruleset rs = new Ruleset(headers, tables, specials, comments, lineNo);
            return new ParseResult(rs, errors);
        }

        private void error(int line, int column, String message) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(new ParseError(source, line, column, message));
            } else {
                suppressedErrors++;
            }
        }

        private void line(int start, int end) {
            if (end == start) {
                return;
            }
            if (latin1[base + end - 1] == '\r') {
                error(lineNo, end - start, "CR at end of line (CRLF file)");
                end--;
                if (end == start) {
                    return;
                }
            }
            int len = end - start;
            if (len * 3L > MAX_LINE_BYTES) {
                int bytes = utf8Length(text, start, end);
                if (bytes > MAX_LINE_BYTES) {
                    error(lineNo, 1, "line is " + bytes + " bytes long; iptables-restore reads at most "
                            + MAX_LINE_BYTES + " (10240 with the newline)");
                }
            }
            char c = (char) (latin1[base + start] & 0xFF);
            switch (c) {
                case '#' -> comment(start, end);
                case '*' -> tableLine(start, end);
                case ':' -> chainLine(start, end);
                default -> {
                    if (c == 'C' && text.startsWith("COMMIT", start) && isBlank(start + 6, end)) {
                        commit(start, end);
                    } else {
                        ruleLine(start, end);
                    }
                }
            }
        }

        private void comment(int start, int end) {
            String s = text.substring(start, end);
            comments.add(new CommentLine(lineNo, s));
            if (s.startsWith(SaveHeader.PREFIX)) {
                SaveHeader.parse(lineNo, s).ifPresent(headers::add);
                return;
            }
            SpecialLines.classify(s).ifPresent(kind -> {
                String t = SpecialLines.tableNamed(s).orElse(
                        kind == SpecialLine.Kind.LEGACY_TABLES_WARNING || table == null ? null : table.name);
                specials.add(new SpecialLine(lineNo, kind, t, s));
            });
        }

        private void tableLine(int start, int end) {
            if (table != null) {
                error(lineNo, 1, "table '" + table.name + "' (line " + table.line + ") is not committed before this *"
                        + " line");
                ended(table.build(0));
            }
            int nameEnd = tokenEnd(start + 1, end);
            if (nameEnd == start + 1) {
                error(lineNo, 2, "table name missing after '*'");
            }
            table = new TableBuilder(text.substring(start + 1, nameEnd), lineNo, text.substring(start, end));
        }

        private void commit(int start, int end) {
            if (end > start + 6) {
                error(lineNo, 7, "blanks after COMMIT (iptables-legacy-restore does not recognise the line)");
            }
            if (table == null) {
                error(lineNo, 1, "COMMIT without a *table line before it");
                return;
            }
            ended(table.build(lineNo));
            table = null;
        }

        private void chainLine(int start, int end) {
            if (table == null) {
                error(lineNo, 1, "chain line before any *table line");
                return;
            }
            int nameStart = start + 1;
            int nameEnd = tokenEnd(nameStart, end);
            if (nameEnd == nameStart) {
                error(lineNo, 2, "chain name missing after ':'");
                return;
            }
            String name = text.substring(nameStart, nameEnd);
            checkChainName(name, 2);
            int polStart = skipBlanks(nameEnd, end);
            int polEnd = tokenEnd(polStart, end);
            if (polEnd == polStart) {
                error(lineNo, polStart - start + 1, "policy missing after chain name '" + name + "'");
                return;
            }
            String policy = policy(polStart, polEnd);
            if (!policy.equals(Chain.NO_POLICY)) {
                if (!policy.equals("ACCEPT") && !policy.equals("DROP")) {
                    error(lineNo, polStart - start + 1, "invalid policy '" + policy + "' (ACCEPT or DROP)");
                } else if (!BuiltinChains.isBuiltin(table.name, name)) {
                    error(lineNo, polStart - start + 1, "policy " + policy + " on '" + name
                            + "', which is not a builtin chain of table '" + table.name + "'");
                }
            }
            Counters counters = null;
            int ctrStart = skipBlanks(polEnd, end);
            int ctrEnd = tokenEnd(ctrStart, end);
            if (ctrEnd > ctrStart) {
                counters = Counters.parse(text, ctrStart, ctrEnd);
                if (counters == null) {
                    error(lineNo, ctrStart - start + 1, "bad counters '" + text.substring(ctrStart, ctrEnd)
                            + "' (expected [packets:bytes])");
                }
            }
            Chain chain = new Chain(name, policy, counters, lineNo, text, start, end);
            Chain previous = table.chains.putIfAbsent(chain);
            if (previous != null) {
                error(lineNo, 2, "chain '" + name + "' declared twice (first at line " + previous.line() + ")");
                return;
            }
            table.order.add(chain);
        }

        /** The checks of iptables' own chain-name test (1.8.9): length, first character, no whitespace. */
        private void checkChainName(String name, int column) {
            char first = name.isEmpty() ? 'x' : name.charAt(0);
            if (first == '-' || first == '!') {
                error(lineNo, column, "chain name '" + name + "' starts with '" + first
                        + "', which iptables-restore does not allow");
                return;
            }
            for (int i = 0; i < name.length(); i++) {
                if (Character.isWhitespace(name.charAt(i))) {
                    error(lineNo, column, "invalid chain name '" + name + "': iptables-restore refuses whitespace in"
                            + " chain names");
                    return;
                }
            }
            if (name.length() * 3 <= MAX_CHAIN_NAME) {
                return;
            }
            int bytes = utf8Length(name, 0, name.length());
            if (bytes > MAX_CHAIN_NAME) {
                error(lineNo, column, "chain name '" + name + "' is " + bytes + " characters long; at most "
                        + MAX_CHAIN_NAME + " are allowed");
            }
        }

        private void ruleLine(int start, int end) {
            char first = text.charAt(start);
            if (first == 'C' && text.startsWith("Can't find library", start)) {
                specials.add(new SpecialLine(lineNo, SpecialLine.Kind.CANT_FIND_LIBRARY,
                        table == null ? null : table.name, text.substring(start, end)));
            }
            if (table == null) {
                error(lineNo, 1, "rule line before any *table line");
                return;
            }
            int body = start;
            Counters counters = null;
            if (first == '[') {
                int close = text.indexOf(']', start);
                if (close < 0 || close >= end) {
                    error(lineNo, 1, "counters prefix without ']'");
                    return;
                }
                counters = Counters.parse(text, start, close + 1);
                if (counters == null) {
                    error(lineNo, 1, "bad counters '" + text.substring(start, close + 1)
                            + "' (expected [packets:bytes])");
                }
                body = skipBlanks(close + 1, end);
            }
            scan(body, end);
            if (openQuoteAt >= 0) {
                error(lineNo, openQuoteAt - start + 1, "unterminated quote");
            }
            if (argCount > MAX_ARGS) {
                error(lineNo, tooManyArgsAt - start + 1, argCount + " arguments; iptables-restore allows at most "
                        + MAX_ARGS);
            }
            if (longArgAt >= 0) {
                error(lineNo, longArgAt - start + 1, "argument longer than " + MAX_ARG_BYTES + " bytes");
            }
            if (tableOptionAt >= 0) {
                error(lineNo, tableOptionAt - start + 1, "-t/--table cannot be used in iptables-restore input (the table"
                        + " is the '*" + table.name + "' line); iptables-restore refuses the whole file");
            }
            if (unsupportedRevision) {
                specials.add(new SpecialLine(lineNo, SpecialLine.Kind.UNSUPPORTED_REVISION, table.name,
                        text.substring(start, end)));
            }
            if (argCount >= 2 && !t0quoted && !t1quoted && t0e - t0s == 2 && text.charAt(t0s) == '-'
                    && text.charAt(t0s + 1) == 'A' && !looksLikeOption(t1s, t1e)) {
                appendTarget(t1s, t1e, t1s - start + 1).add(text, start, end, lineNo, counters);
                return;
            }
            generalRule(start, end, body, counters);
        }

        /** Lines that are not a plain {@code -A CHAIN ...}: other commands, quoted chain names, garbage. */
        private void generalRule(int start, int end, int body, Counters counters) {
            Tokenizer.Tokens tokens = Tokenizer.split(text, body, end);
            RuleSpec spec = RuleSpec.of(tokens);
            Command command = spec.command();
            String chainName = spec.chain();
            int chainCol = chainColumn(tokens, chainName, start);
            if (command == Command.NONE) {
                error(lineNo, body - start + 1, "no command (-A, -I, -N, ...) in rule line");
            } else if (chainName == null && (command == Command.APPEND || command == Command.INSERT
                    || command == Command.NEW_CHAIN || command == Command.POLICY)) {
                error(lineNo, body - start + 1, "-" + command.letter() + " without a chain name");
            }
            if (command == Command.APPEND && chainName != null) {
                appendTarget(chainName, chainCol).add(text, start, end, lineNo, counters);
                return;
            }
            String interned = chainName;
            if (chainName != null) {
                Chain known = table.chains.get(chainName);
                if (command == Command.NEW_CHAIN) {
                    checkChainName(chainName, chainCol);
                    if (known == null) {
                        known = new Chain(chainName, Chain.NO_POLICY, null, lineNo, text, -1, -1);
                        table.put(known);
                    }
                } else if (command == Command.INSERT && known == null) {
                    known = appendTarget(chainName, chainCol);
                }
                if (known != null) {
                    interned = known.name();
                }
            }
            table.commands.add(new Rule(text, start, end, body, interned, lineNo, counters, command));
        }

        /** The column of the chain argument; RuleSpec hands back the very token string. */
        private int chainColumn(Tokenizer.Tokens tokens, String chainName, int lineStart) {
            if (chainName != null) {
                for (int k = 0; k < tokens.size(); k++) {
                    if (tokens.get(k) == chainName) {
                        return tokens.start(k) - lineStart + 1;
                    }
                }
            }
            return 1;
        }

        private Chain appendTarget(int from, int to, int column) {
            Chain last = table.lastChain;
            if (last != null && last.name().length() == to - from
                    && text.regionMatches(from, last.name(), 0, to - from)) {
                return last;
            }
            Chain known = table.chains.get(text, from, to);
            if (known != null) {
                table.lastChain = known;
                return known;
            }
            return appendTarget(text.substring(from, to), column);
        }

        /** The chain a rule goes to; reports and creates chains that were never declared. */
        private Chain appendTarget(String name, int column) {
            Chain chain = table.chains.get(name);
            if (chain == null) {
                boolean builtin = BuiltinChains.isBuiltin(table.name, name);
                if (!builtin) {
                    error(lineNo, column, "chain '" + name + "' is not declared in table '" + table.name + "'");
                }
                // An undeclared builtin chain keeps the kernel's default policy, ACCEPT.
                chain = new Chain(name, builtin ? "ACCEPT" : Chain.NO_POLICY, null, lineNo, text, -1, -1);
                table.put(chain);
            }
            table.lastChain = chain;
            return chain;
        }

        /**
         * One pass of the restore tokenizer over a rule body that only counts and locates arguments: the
         * first two (command and chain), the 256th, the first over-long one and an unterminated quote.
         */
        private void scan(int from, int to) {
            argCount = 0;
            tooManyArgsAt = -1;
            openQuoteAt = -1;
            longArgAt = -1;
            unsupportedRevision = false;
            tableOptionAt = -1;
            t0s = t0e = t1s = t1e = -1;
            t0quoted = t1quoted = false;
            boolean inQuote = false;
            boolean escaped = false;
            boolean inArg = false;
            boolean quoted = false;
            int argStart = -1;
            // Characters for now; endArg() converts to UTF-8 bytes only when that could matter.
            int argChars = 0;
            for (int i = from; i < to; i++) {
                byte c = latin1[base + i];
                if (inQuote) {
                    if (escaped) {
                        escaped = false;
                        argChars++;
                    } else if (c == '\\') {
                        escaped = true;
                    } else if (c == '"') {
                        inQuote = false;
                        endArg(argStart, i + 1, argChars, true);
                        inArg = false;
                        quoted = false;
                        argChars = 0;
                    } else {
                        argChars++;
                    }
                    continue;
                }
                if (c == '"') {
                    inQuote = true;
                    openQuoteAt = i;
                    quoted = true;
                    if (!inArg) {
                        inArg = true;
                        argStart = i;
                    }
                } else if (c == ' ' || c == '\t') {
                    if (inArg) {
                        endArg(argStart, i, argChars, quoted);
                        inArg = false;
                        quoted = false;
                        argChars = 0;
                    }
                } else {
                    if (c == '[' && i > from && text.startsWith(SpecialLines.UNSUPPORTED_REVISION, i - 1)) {
                        unsupportedRevision = true;
                    }
                    if (!inArg) {
                        inArg = true;
                        argStart = i;
                    }
                    argChars++;
                }
            }
            if (!inQuote) {
                openQuoteAt = -1;
            }
            if (inArg && argChars > 0) {
                endArg(argStart, to, argChars, quoted);
            }
        }

        private void endArg(int s, int e, int chars, boolean quoted) {
            // iptables-restore refuses any unquoted argument starting with -t, and --table (xshared.c).
            if (!quoted && tableOptionAt < 0 && e - s >= 2 && latin1[base + s] == '-'
                    && (latin1[base + s + 1] == 't' || e - s == 7 && text.startsWith("--table", s))) {
                tableOptionAt = s;
            }
            if (argCount == 0) {
                t0s = s;
                t0e = e;
                t0quoted = quoted;
            } else if (argCount == 1) {
                t1s = s;
                t1e = e;
                t1quoted = quoted;
            }
            argCount++;
            if (argCount == MAX_ARGS + 1) {
                tooManyArgsAt = s;
            }
            if (chars * 3 > MAX_ARG_BYTES && longArgAt < 0
                    && utf8Length(Tokenizer.split(text, s, e).get(0), 0, Integer.MAX_VALUE) > MAX_ARG_BYTES) {
                longArgAt = s;
            }
        }

        private boolean looksLikeOption(int s, int e) {
            if (e - s == 1 && text.charAt(s) == '!') {
                return true;
            }
            return e - s >= 2 && text.charAt(s) == '-' && (text.charAt(s + 1) < '0' || text.charAt(s + 1) > '9');
        }

        private int tokenEnd(int from, int end) {
            int i = from;
            while (i < end && latin1[base + i] != ' ' && latin1[base + i] != '\t') {
                i++;
            }
            return i;
        }

        private int skipBlanks(int from, int end) {
            int i = from;
            while (i < end && (latin1[base + i] == ' ' || latin1[base + i] == '\t')) {
                i++;
            }
            return i;
        }

        private boolean isBlank(int from, int end) {
            return skipBlanks(from, end) == end;
        }

        /** Policies repeat on every chain line; the usual ones cost no string at all, others one per spelling. */
        private String policy(int from, int to) {
            for (String usual : USUAL_POLICIES) {
                if (to - from == usual.length() && text.startsWith(usual, from)) {
                    return usual;
                }
            }
            return policies.computeIfAbsent(text.substring(from, to), p -> p);
        }
    }

    /** Whether {@code bytes[from, to)} are all ASCII; {@link DumpInput} asks it too. */
    static boolean ascii(byte[] bytes, int from, int to) {
        int any = 0;
        for (int i = from; i < to; i++) {
            any |= bytes[i];
        }
        return any >= 0;
    }

    /** Index for index: a surrogate pair gives two bytes, where {@code getBytes(ISO_8859_1)} gives one. */
    private static byte[] oneBytePerChar(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length == text.length()) {
            return bytes;
        }
        bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            bytes[i] = c <= 0xFF ? (byte) c : (byte) '?';
        }
        return bytes;
    }

    private static int utf8Width(char c) {
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800 || Character.isSurrogate(c)) {
            return 2;
        }
        return 3;
    }

    static int utf8Length(String s, int from, int to) {
        int n = 0;
        int stop = Math.min(to, s.length());
        for (int i = from; i < stop; i++) {
            n += utf8Width(s.charAt(i));
        }
        return n;
    }
}

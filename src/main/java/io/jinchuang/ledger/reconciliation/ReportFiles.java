package io.jinchuang.ledger.reconciliation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a report as files: {@code summary.json}, {@code summary.csv}, {@code index.html},
 * and {@code funds/<code>.json|.csv|.html} for every fund. Everything goes into a hidden
 * sibling directory first, which is renamed to the target only when every file is written,
 * so a directory under the target's name is always a complete report. The same report JSON
 * (from this process or from the service) always gives the same bytes.
 */
public final class ReportFiles {
    static final String PARTIAL = ".partial-";
    static final String OLD = ".old-";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private ReportFiles() {}

    /** The default output directory: {@code ./reconciliation-<year>}. */
    public static Path defaultDirectory(int year) {
        return Path.of("reconciliation-" + year);
    }

    public static void write(Path target, String reportJson) throws IOException {
        write(target, new java.io.StringReader(reportJson));
    }

    /** As {@link #write(Path, String)}, reading the report as it goes (it may be larger than the heap). */
    public static void write(Path target, java.io.Reader reportJson) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(reportJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the report is not a JSON object");
            }
            write(target, parser);
        }
    }

    /** Reads the report from {@code parser} (just past its START_OBJECT) one fund at a time. */
    public static void write(Path target, JsonParser parser) throws IOException {
        try (Draft draft = Draft.begin(target)) {
            ObjectNode head = JSON.createObjectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("funds") && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        draft.fund(head, parser.readValueAsTree());
                    }
                } else {
                    head.set(name, parser.readValueAsTree());
                }
            }
            draft.finish(head);
        }
    }

    /**
     * A report's files while they are written, in a hidden sibling of the target: each fund's
     * files as soon as the fund is known (from any thread: the batch writes them as it
     * reconciles), then {@link #finish} with the run's head, which only the end of the run
     * knows, renames the whole into place. A fund's CSV and HTML open with the run's head,
     * so their rest waits in a {@code .body} file until then. Closed unfinished, it leaves
     * nothing behind.
     */
    public static final class Draft implements AutoCloseable {
        private static final String BODY = ".body";
        private final Path out;
        private final Path partial;
        private final java.util.Map<String, String> titles = new java.util.concurrent.ConcurrentSkipListMap<>();
        private boolean published;

        private Draft(Path out, Path partial) {
            this.out = out;
            this.partial = partial;
        }

        public static Draft begin(Path target) throws IOException {
            Path out = target.toAbsolutePath().normalize();
            refuseToReplace(out);
            Path parent = out.getParent();
            Files.createDirectories(parent);
            removeStale(parent, out.getFileName().toString());
            Path partial = parent.resolve("." + out.getFileName() + PARTIAL + ProcessHandle.current().pid());
            deleteTree(partial);
            Files.createDirectories(partial.resolve("funds"));
            return new Draft(out, partial);
        }

        /**
         * One fund's files. {@code run} carries the head's year, period and time stamp, which
         * the fund's JSON repeats; the rest of the head comes with {@link #finish}.
         */
        public void fund(JsonNode run, JsonNode fund) throws IOException {
            String code = fund.get("fund").asText();
            if (!code.matches("[A-Z0-9][A-Z0-9-]{1,31}")) {
                throw new IOException("the report names a fund code that is no file name: " + code);
            }
            ObjectNode file = JSON.createObjectNode();
            for (String field : List.of("year", "periodStart", "periodEnd", "generatedAt")) {
                file.set(field, run.get(field));
            }
            file.setAll((ObjectNode) fund);
            Path funds = partial.resolve("funds");
            writeJson(funds.resolve(code + ".json"), file);
            try (Utf8Sink csv = writer(funds.resolve(code + ".csv" + BODY))) {
                ReportCsv.body(csv, code, fund);
            }
            try (Utf8Sink html = writer(funds.resolve(code + ".html" + BODY))) {
                ReportHtml.body(html, fund, false);
            }
            String title = "年终对账报告 Year-end reconciliation " + run.get("year").asText() + " — " + code + " "
                    + fund.path("name").asText();
            if (titles.putIfAbsent(code, title) != null) {
                throw new IOException("the report has fund " + code + " twice");
            }
        }

        /** Each fund's CSV and HTML opened with {@code head}, the summary files, and the rename. */
        public void finish(ObjectNode head) throws IOException {
            Path funds = partial.resolve("funds");
            for (java.util.Map.Entry<String, String> fund : titles.entrySet()) {
                String code = fund.getKey();
                prepend(funds.resolve(code + ".csv"), csv -> ReportCsv.head(csv, code, head));
                prepend(funds.resolve(code + ".html"), html -> ReportHtml.head(html, fund.getValue(), head));
            }
            writeSummary(partial, head);
            publish(partial, out);
            published = true;
        }

        private interface Part {
            void write(Utf8Sink out) throws IOException;
        }

        /**
         * {@code file} = what {@code head} writes, then the file's body (which is deleted). The
         * body is copied by the kernel ({@code transferTo}): the bodies are ~600 MB at a million
         * journal lines, the run's last step, when nothing else runs.
         */
        private static void prepend(Path file, Part head) throws IOException {
            Path body = file.resolveSibling(file.getFileName() + BODY);
            try (FileChannel to = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING); FileChannel from = FileChannel.open(body)) {
                Utf8Sink text = new Utf8Sink(Channels.newOutputStream(to));
                head.write(text);
                text.flush();
                long size = from.size();
                for (long at = 0; at < size; ) {
                    long sent = from.transferTo(at, size - at, to);
                    if (sent <= 0) {
                        throw new IOException(body + " ended at " + at + " of its " + size + " bytes");
                    }
                    at += sent;
                }
            }
            Files.delete(body);
        }

        @Override
        public void close() throws IOException {
            if (!published) {
                deleteTree(partial);
            }
        }
    }

    private static void writeSummary(Path dir, ObjectNode head) throws IOException {
        writeJson(dir.resolve("summary.json"), head);
        ObjectNode body = JSON.createObjectNode();
        for (String field : List.of("close", "statements", "fundsSummary")) {
            if (head.has(field)) {
                body.set(field, head.get(field));
            }
        }
        try (Utf8Sink csv = writer(dir.resolve("summary.csv"))) {
            ReportCsv.head(csv, "", head);
            ReportCsv.body(csv, "", body);
        }
        try (Utf8Sink html = writer(dir.resolve("index.html"))) {
            ReportHtml.head(html, "年终对账报告 Year-end reconciliation " + head.get("year").asText(), head);
            ReportHtml.body(html, body, true);
        }
    }

    private static void writeJson(Path file, JsonNode json) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(PRETTY.writeValueAsBytes(json));
            out.write('\n');
        }
    }

    private static Utf8Sink writer(Path file) throws IOException {
        return new Utf8Sink(Files.newOutputStream(file));
    }

    /** What a report directory holds; an existing directory is replaced only when it holds no more. */
    private static final java.util.Set<String> REPORT_ENTRIES = java.util.Set.of("summary.json", "summary.csv",
            "index.html", "funds");

    /**
     * Refuses a target that exists and is not an earlier report (or an empty directory):
     * {@code --out .} or {@code --out ~/Documents} must not replace what is there.
     */
    static void refuseToReplace(Path out) throws IOException {
        if (!Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(out + " exists and is not a directory; name a new directory for the report");
        }
        List<String> names;
        try (Stream<Path> entries = Files.list(out)) {
            names = entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> foreign = names.stream().filter(n -> !REPORT_ENTRIES.contains(n)).toList();
        if (!names.isEmpty() && (!names.contains("summary.json") || !foreign.isEmpty())) {
            throw new IOException(out + " is not an earlier report (it holds " + (foreign.isEmpty() ? names : foreign)
                    .stream().limit(5).toList() + "); the report replaces only an earlier report or an empty"
                    + " directory: name a new one");
        }
    }

    /** Moves the complete directory into place; an earlier report of the same name is replaced. */
    private static void publish(Path partial, Path out) throws IOException {
        refuseToReplace(out); // again: something may have appeared there while the batch ran
        Path old = out.resolveSibling("." + out.getFileName() + OLD + ProcessHandle.current().pid());
        if (Files.exists(out)) {
            deleteTree(old);
            Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    /** Leftovers of runs that were killed: their process is gone. */
    private static void removeStale(Path parent, String name) throws IOException {
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path sibling : siblings.toList()) {
                String file = sibling.getFileName().toString();
                for (String kind : List.of(PARTIAL, OLD)) {
                    String prefix = "." + name + kind;
                    if (file.startsWith(prefix) && !alive(file.substring(prefix.length()))) {
                        deleteTree(sibling);
                    }
                }
            }
        }
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // not ours: leave it
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

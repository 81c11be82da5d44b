package io.jinchuang.ledger.store;

import static io.jinchuang.ledger.db.Tables.COMPANY;
import static io.jinchuang.ledger.db.Tables.RECONCILIATION_REPORT_CHUNK;
import static io.jinchuang.ledger.db.Tables.RECONCILIATION_RUN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.config.Settings;
import io.jinchuang.ledger.db.tables.records.CompanyRecord;
import io.jinchuang.ledger.db.tables.records.ReconciliationReportChunkRecord;
import io.jinchuang.ledger.db.tables.records.ReconciliationRunRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log's write sets in both of their encodings rebuild the same rows: the current one
 * (each part names a table's columns once, then one array per row) and the one before it
 * (every row an object naming every column), which logs written by older versions hold;
 * and bytes (a stored report's chunks), which the log holds as base64.
 */
class ReplayFormatsTest {
    @TempDir
    Path dir;

    @Test
    void bothEncodingsRebuildTheSameRowsAndTheLastImageWins() {
        try (Ledger ledger = Ledger.open(Settings.load(Map.of(), Map.of("ledger.data-dir", dir.toString())))) {
            var dsl = ledger.db.dsl();
            OffsetDateTime at = OffsetDateTime.parse("2025-03-01T08:30:00.123456+08:00");
            String older = """
                    [{"t":"COMPANY","k":"I","v":{"CREDIT_CODE":"91140100MA0000001X","NAME":"Old format",
                      "SECTOR":"tech","CREATED_AT":"%s"}}]""".formatted(at);
            WriteSet current = new WriteSet();
            CompanyRecord b = company(dsl, "91140100MA0000002X", "New format, \"quoted\" 名称", at);
            current.inserted(b);
            CompanyRecord renamed = company(dsl, "91140100MA0000001X", "Renamed", at);
            current.upserted(renamed, Tx.primaryKey(renamed));
            List<byte[]> records = new ArrayList<>();
            records.add(older.getBytes(StandardCharsets.UTF_8));
            records.addAll(current.finish());
            String encoded = new String(records.get(1), StandardCharsets.UTF_8);
            assertTrue(encoded.startsWith("[{\"c\":[\"COMPANY\",\"CREDIT_CODE\""), encoded);

            assertEquals(2, new Replay(dsl).apply(records));

            var rows = dsl.selectFrom(COMPANY).orderBy(COMPANY.CREDIT_CODE).fetch();
            assertEquals(2, rows.size());
            assertEquals("Renamed", rows.get(0).getName(), "the after-image replaced the old format's insert");
            assertEquals("tech", rows.get(0).getSector());
            assertEquals(b.getName(), rows.get(1).getName());
            assertEquals(0, at.toInstant().compareTo(rows.get(1).getCreatedAt().toInstant()));
        }
    }

    @Test
    void bytesGoToTheLogAsBase64AndRebuildAsTheSameBytes() {
        try (Ledger ledger = Ledger.open(Settings.load(Map.of(), Map.of("ledger.data-dir", dir.toString())))) {
            var dsl = ledger.db.dsl();
            ReconciliationRunRecord run = dsl.newRecord(RECONCILIATION_RUN);
            run.setId("00000000-0000-4000-8000-000000000001");
            run.setFiscalYear(2025);
            run.setCloseRequested(false);
            run.setStatus("RUNNING");
            run.setActor("test");
            run.setRunner("test");
            run.setStartedAt(OffsetDateTime.parse("2026-01-05T09:00:00Z"));
            byte[] every = new byte[512];
            for (int i = 0; i < every.length; i++) {
                every[i] = (byte) i;
            }
            ReconciliationReportChunkRecord chunk = dsl.newRecord(RECONCILIATION_REPORT_CHUNK);
            chunk.setRunId(run.getId());
            chunk.setSection(1);
            chunk.setChunkNo(0);
            chunk.setData(every);
            WriteSet writes = new WriteSet();
            writes.inserted(run);
            writes.inserted(chunk);
            List<byte[]> records = writes.finish();
            String encoded = new String(records.get(0), StandardCharsets.UTF_8);
            assertTrue(encoded.contains(java.util.Base64.getEncoder().encodeToString(every)), encoded);

            assertEquals(1, new Replay(dsl).apply(records)); // one record

            assertArrayEquals(every, dsl.select(RECONCILIATION_REPORT_CHUNK.DATA).from(RECONCILIATION_REPORT_CHUNK)
                    .fetchOne(RECONCILIATION_REPORT_CHUNK.DATA));
        }
    }

    private static CompanyRecord company(org.jooq.DSLContext dsl, String code, String name, OffsetDateTime at) {
        CompanyRecord row = dsl.newRecord(COMPANY);
        row.setCreditCode(code);
        row.setName(name);
        row.setSector("tech");
        row.setCreatedAt(at);
        return row;
    }
}

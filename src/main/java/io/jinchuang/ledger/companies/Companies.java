package io.jinchuang.ledger.companies;

import static io.jinchuang.ledger.db.Tables.COMPANY;

import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.db.tables.records.CompanyRecord;
import io.jinchuang.ledger.store.Tx;
import java.time.Clock;
import java.time.ZoneOffset;
import org.jooq.DSLContext;

/** The register of companies (被投企业), shared by every fund. */
public final class Companies {
    private final Clock clock;

    public Companies(Clock clock) {
        this.clock = clock;
    }

    public CompanyRecord register(Tx tx, String creditCode, String name, String sector) {
        if (tx.find(COMPANY, creditCode) != null) {
            throw Rejection.conflict("a company with credit code " + creditCode + " is already registered");
        }
        CompanyRecord row = tx.dsl().newRecord(COMPANY);
        row.setCreditCode(creditCode);
        row.setName(name);
        row.setSector(sector);
        row.setCreatedAt(clock.instant().atOffset(ZoneOffset.UTC));
        tx.insert(row);
        return row;
    }

    /** Reads these companies at once (an import names many); the rest are known unregistered. */
    public static void readEach(Tx tx, java.util.Collection<String> creditCodes) {
        tx.readEach(COMPANY, creditCodes);
    }

    public static CompanyRecord find(DSLContext dsl, String creditCode) {
        return dsl.selectFrom(COMPANY).where(COMPANY.CREDIT_CODE.eq(creditCode)).fetchOne();
    }
}

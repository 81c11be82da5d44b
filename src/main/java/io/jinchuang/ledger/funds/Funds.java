package io.jinchuang.ledger.funds;

import static io.jinchuang.ledger.db.Tables.FUND;
import static io.jinchuang.ledger.db.Tables.PARTNER;

import io.jinchuang.ledger.Rejection;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.db.tables.records.PartnerRecord;
import io.jinchuang.ledger.journal.Actor;
import io.jinchuang.ledger.journal.ClosedPeriods;
import io.jinchuang.ledger.journal.EntryType;
import io.jinchuang.ledger.journal.HashChain;
import io.jinchuang.ledger.journal.Journal;
import io.jinchuang.ledger.journal.NewEntry;
import io.jinchuang.ledger.money.Money;
import io.jinchuang.ledger.store.Tx;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** Opening funds and admitting partners; each is a memo entry in the fund's chain. */
public final class Funds {
    public static final String STATUS_ACTIVE = "ACTIVE";
    public static final String STATUS_LIQUIDATED = "LIQUIDATED";

    private final Journal journal;
    private final Clock clock;

    public Funds(Journal journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    public FundRecord open(Tx tx, NewFund fund, Actor actor) {
        // a new fund's first entry may fall in a year being closed right now: wait for that close
        ClosedPeriods.lockPeriods(tx);
        if (tx.find(FUND, fund.code()) != null) {
            throw Rejection.conflict("a fund with code " + fund.code() + " already exists");
        }
        FundRecord row = tx.dsl().newRecord(FUND);
        row.setCode(fund.code());
        row.setName(fund.name());
        row.setNameZh(fund.nameZh());
        row.setKind(fund.kind().name());
        row.setManager(fund.manager());
        row.setVintage(fund.vintage());
        row.setToleranceRate(fund.toleranceRate());
        row.setStatus(STATUS_ACTIVE);
        row.setCreatedAt(clock.instant().atOffset(ZoneOffset.UTC));
        row.setHeadSeq(0L);
        row.setHeadHash(HashChain.GENESIS);
        tx.insert(row);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("code", fund.code());
        payload.put("name", fund.name());
        payload.put("nameZh", fund.nameZh());
        payload.put("kind", fund.kind().name());
        payload.put("manager", fund.manager());
        payload.put("vintage", fund.vintage().toString());
        payload.put("toleranceRate", fund.toleranceRate() == null ? null : fund.toleranceRate().toPlainString());
        journal.post(tx, row, NewEntry.of(fund.code(), fund.vintage(), EntryType.FUND_OPENED, actor, payload, List.of()));
        return row;
    }

    public PartnerRecord admit(Tx tx, String fundCode, NewPartner partner, Actor actor) {
        FundRecord fund = lockActive(tx, fundCode);
        if (partnerOf(tx, fundCode, partner.partnerCode()) != null) {
            throw Rejection.conflict("fund " + fundCode + " already has a partner " + partner.partnerCode());
        }
        if (partner.role() == PartnerRole.GUIDANCE) {
            checkGuidancePartner(tx.dsl(), fund, partner);
        } else {
            refuseGuidanceFundAsOtherRole(tx.dsl(), partner);
        }
        PartnerRecord row = tx.dsl().newRecord(PARTNER);
        row.setFundCode(fundCode);
        row.setPartnerCode(partner.partnerCode());
        row.setName(partner.name());
        row.setRole(partner.role().name());
        row.setCommitted(partner.committed());
        tx.insert(row);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("partnerCode", partner.partnerCode());
        payload.put("name", partner.name());
        payload.put("role", partner.role().name());
        payload.put("committed", Money.format(partner.committed()));
        java.time.LocalDate date = partner.date() == null ? fund.getVintage() : partner.date();
        io.jinchuang.ledger.deals.Dates.notBeforeVintage(fund, date, "date");
        journal.post(tx, fund, NewEntry.of(fundCode, date, EntryType.PARTNER_ADMITTED, actor, payload, List.of()));
        return row;
    }

    /**
     * A guidance fund joins another fund only as its GUIDANCE partner: then its contributions
     * and distributions post in its own books too, and LOOK_THROUGH counts the fund's projects
     * (SPEC §4: every fund in which it is a partner). Under another role the same code would
     * be a partner the ledger could not tell from the fund, with neither.
     */
    private static void refuseGuidanceFundAsOtherRole(DSLContext dsl, NewPartner partner) {
        FundRecord named = find(dsl, partner.partnerCode());
        if (named != null && named.getKind().equals(FundKind.GUIDANCE.name())) {
            throw Rejection.invalid("role", "partner " + partner.partnerCode() + " is a guidance fund: it is admitted"
                    + " with role GUIDANCE (its contributions then post in its own books and its look-through counts"
                    + " this fund), not " + partner.role());
        }
    }

    private static void checkGuidancePartner(DSLContext dsl, FundRecord fund, NewPartner partner) {
        FundRecord guidance = find(dsl, partner.partnerCode());
        if (guidance == null || !guidance.getKind().equals(FundKind.GUIDANCE.name())) {
            throw Rejection.invalid("partnerCode", "a GUIDANCE partner's code must be the code of a fund of kind GUIDANCE");
        }
        if (fund.getKind().equals(FundKind.GUIDANCE.name())) {
            throw Rejection.invalid("role", "a guidance fund does not take another guidance fund as partner");
        }
        boolean hasGuidance = dsl.fetchExists(PARTNER, PARTNER.FUND_CODE.eq(fund.getCode())
                .and(PARTNER.ROLE.eq(PartnerRole.GUIDANCE.name())));
        if (hasGuidance) {
            throw Rejection.conflict("fund " + fund.getCode() + " already has a GUIDANCE partner");
        }
    }

    /** Locks the fund's chain row; 404 when absent, 409 when liquidated. */
    public static FundRecord lockActive(Tx tx, String fundCode) {
        FundRecord fund = Journal.lockFund(tx, fundCode);
        if (STATUS_LIQUIDATED.equals(fund.getStatus())) {
            throw Rejection.conflict("fund " + fundCode + " is liquidated; nothing more can be posted to it");
        }
        return fund;
    }

    public static FundRecord find(DSLContext dsl, String code) {
        return dsl.selectFrom(FUND).where(FUND.CODE.eq(code)).fetchOne();
    }

    public static FundRecord require(DSLContext dsl, String code) {
        FundRecord fund = find(dsl, code);
        if (fund == null) {
            throw Rejection.notFound("no fund " + code);
        }
        return fund;
    }

    /** Reads every partner of a fund at once (an import posts to it many times); takes the fund's lock first. */
    public static void readPartners(Tx tx, String fundCode) {
        Journal.lockFund(tx, fundCode);
        tx.readAll(PARTNER, fundCode);
    }

    /** The partner, read by primary key within a posting (the caller holds the fund's lock). */
    public static PartnerRecord partnerOf(Tx tx, String fundCode, String partnerCode) {
        return tx.find(PARTNER, fundCode, partnerCode);
    }

    public static PartnerRecord partnerOf(DSLContext dsl, String fundCode, String partnerCode) {
        return dsl.selectFrom(PARTNER).where(PARTNER.FUND_CODE.eq(fundCode).and(PARTNER.PARTNER_CODE.eq(partnerCode)))
                .fetchOne();
    }

    /** The fund's partners in code order, within a posting (the caller holds the fund's lock). */
    public static List<PartnerRecord> partners(Tx tx, String fundCode) {
        return tx.all(PARTNER, fundCode);
    }

    public static List<PartnerRecord> partners(DSLContext dsl, String fundCode) {
        return dsl.selectFrom(PARTNER).where(PARTNER.FUND_CODE.eq(fundCode)).orderBy(PARTNER.PARTNER_CODE).fetch();
    }

    public static List<FundRecord> all(DSLContext dsl) {
        return dsl.selectFrom(FUND).orderBy(FUND.CODE).fetch();
    }
}

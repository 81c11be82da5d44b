package io.jinchuang.ledger.reconciliation;

import io.jinchuang.ledger.config.Settings;
import io.jinchuang.ledger.db.tables.records.FundRecord;
import io.jinchuang.ledger.deals.Holdings;
import io.jinchuang.ledger.funds.FundKind;
import io.jinchuang.ledger.metrics.Positions;
import io.jinchuang.ledger.tolerance.FailureBasis;
import io.jinchuang.ledger.tolerance.ProjectFacts;
import io.jinchuang.ledger.tolerance.ToleranceCalculator;
import io.jinchuang.ledger.tolerance.ToleranceResult;
import io.jinchuang.ledger.tolerance.ToleranceSettings;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The default: the fund's projects (its companies; a guidance fund's stakes in sub-funds are
 * holdings, not projects) from {@link Positions}, judged by {@link ToleranceCalculator}
 * against the fund's own tolerance rate or {@code tolerance.threshold.<KIND>}.
 */
public final class ConfiguredToleranceStatus implements ToleranceStatusProvider {
    private final ToleranceSettings settings;
    private final Map<FundKind, BigDecimal> thresholds = new EnumMap<>(FundKind.class);

    public ConfiguredToleranceStatus(Settings config) {
        this.settings = new ToleranceSettings(FailureBasis.valueOf(config.string("tolerance.failure-basis")),
                config.decimal("tolerance.warning-rate"));
        for (FundKind kind : FundKind.values()) {
            thresholds.put(kind, config.decimal("tolerance.threshold." + kind.name()));
        }
    }

    @Override
    public ToleranceResult statusOn(DSLContext dsl, FundRecord fund, LocalDate asOf) {
        List<ProjectFacts> projects = Positions.of(dsl, fund.getCode(), asOf, settings.basis()).stream()
                .filter(p -> Holdings.KIND_COMPANY.equals(p.kind()))
                .map(Positions.Position::facts)
                .toList();
        BigDecimal threshold = fund.getToleranceRate() != null ? fund.getToleranceRate()
                : thresholds.get(FundKind.valueOf(fund.getKind()));
        return ToleranceCalculator.evaluate(projects, threshold, settings);
    }
}

import { normalizeDecimal } from './decimal';
import { AdminUsageDto, UsageRowDto } from './dto/admin-usage.dto';
import { SessionUsageDto, UsageTotalsDto } from './dto/usage.dto';
import { UsageRecordDto } from './dto/usage-record.dto';
import { LlmRequestEntity } from './llm-request.entity';
import { UsageAggregateRow, UsageGrouping } from './llm-request.repository';
import { toCsv } from './usage-csv';
import { UsagePeriod } from './usage-period';

export function mapTotals(row: UsageAggregateRow): UsageTotalsDto {
  return {
    requests: row.requests,
    promptTokens: Number(row.promptTokens),
    completionTokens: Number(row.completionTokens),
    totalTokens: Number(row.totalTokens),
    // SUM over no rows or only unpriced ones is NULL: no calls cost nothing, calls without a price cost unknown.
    cost: row.cost !== null ? normalizeDecimal(row.cost) : row.requests === 0 ? '0' : null,
    unpricedRequests: row.unpricedRequests,
  };
}

/** `rows` holds one row per model and the totals row, whose key is null. */
export function mapSessionUsage(sessionId: string, rows: UsageAggregateRow[]): SessionUsageDto {
  const totals = rows.find((row) => row.key === null)!;
  const byModel = rows.filter((row) => row.key !== null).map((row) => ({ model: row.key!, ...mapTotals(row) }));
  return { sessionId, totals: mapTotals(totals), byModel };
}

export function mapAdminUsage(groupBy: UsageGrouping, period: UsagePeriod, rows: UsageAggregateRow[]): AdminUsageDto {
  const mapped: UsageRowDto[] = rows.map((row) => ({ key: row.key ?? '', ...mapTotals(row) }));
  return { from: period.from.toISOString(), to: period.to.toISOString(), groupBy, rows: mapped };
}

/** The report as CSV: the first column is named after the grouping, the others as in JSON. */
export function adminUsageCsv(report: AdminUsageDto): string {
  const header = [report.groupBy, 'requests', 'promptTokens', 'completionTokens', 'totalTokens', 'cost', 'unpricedRequests'];
  const rows = report.rows.map((row) => [
    row.key, row.requests, row.promptTokens, row.completionTokens, row.totalTokens, row.cost, row.unpricedRequests,
  ]);
  return toCsv(header, rows);
}

export function mapUsageRecord(row: LlmRequestEntity): UsageRecordDto {
  return {
    id: row.id,
    sessionId: row.sessionId,
    messageId: row.messageId,
    provider: row.provider,
    model: row.model,
    requestBody: row.requestBody,
    responseBody: row.responseBody,
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
    totalTokens: row.totalTokens,
    cost: row.computedCost === null ? null : normalizeDecimal(row.computedCost),
    status: row.status,
    error: row.error,
    latencyMs: row.latencyMs,
    contextManifest: row.contextManifest,
    createdAt: row.createdAt,
  };
}

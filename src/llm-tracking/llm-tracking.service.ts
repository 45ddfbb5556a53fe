import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { Owner } from '@/session/owner';
import { SessionService } from '@/session/session.service';
import { callCostUsd, normalizeDecimal } from './decimal';
import { AdminUsageDto } from './dto/admin-usage.dto';
import { AdminUsageQuery } from './dto/admin-usage.query';
import { SessionUsageDto } from './dto/usage.dto';
import { UsageRecordDto } from './dto/usage-record.dto';
import { LlmCallRecord, RecordedCall } from './llm-call';
import { LlmRequestRepository } from './llm-request.repository';
import { PriceTable } from './price-table';
import { redactSecrets } from '@/common/security/redact-secrets';
import { sanitizeRequest } from './request-sanitizer';
import { mapAdminUsage, mapSessionUsage, mapUsageRecord } from './usage.mapper';

/** The owner of a call whose owner was erased: its cost still counts, it is nobody's. */
export const ERASED_OWNER = 'erased';
import { resolvePeriod } from './usage-period';

/** Records what every model call used and cost, and reports it per session, owner, model or day. */
@Injectable()
export class LlmTrackingService {
  private readonly secrets: string[];

  constructor(
    private readonly requests: LlmRequestRepository,
    private readonly prices: PriceTable,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secrets = config.llm.apiKey ? [config.llm.apiKey] : [];
  }

  /**
   * Stores one model call on the current transaction (so it commits or rolls back with the
   * assistant message it belongs to). The request body, response metadata, manifest and
   * error are sanitized first: no API key or auth header is ever stored. The cost is
   * computed exactly from the price table as it is now, and the prices used are stored
   * with it; a model without a price gets its tokens recorded and a null cost.
   */
  async record(call: LlmCallRecord): Promise<RecordedCall> {
    checkCounts(call);
    const price = this.prices.priceOf(call.model);
    const cost = price ? callCostUsd(call.promptTokens, call.completionTokens, price) : null;
    const clean = (value: unknown) => sanitizeRequest(value, { secrets: this.secrets });
    const id = await this.requests.insert({
      ...call,
      requestBody: clean(call.requestBody),
      responseBody: clean(call.responseMeta ?? {}),
      contextManifest: clean(call.contextManifest ?? {}),
      error: call.error === null ? null : redactSecrets(call.error, this.secrets),
      latencyMs: Math.round(call.latencyMs),
      ttftMs: call.ttftMs === null ? null : Math.round(call.ttftMs),
      unitCostPrompt: price?.prompt ?? null,
      unitCostCompletion: price?.completion ?? null,
      computedCost: cost,
    });
    return { id, cost, unitCostPrompt: price?.prompt ?? null, unitCostCompletion: price?.completion ?? null };
  }

  /**
   * The owner's spend since 00:00 UTC today in USD, as an exact decimal string ("0" when
   * nothing was spent), for the daily cap. Unpriced calls count as zero.
   */
  async spentTodayUsd(ownerId: string): Promise<string> {
    return normalizeDecimal(await this.requests.sumOwnerCostSinceUtcMidnight(ownerId));
  }

  /** Tokens and cost of a session's calls, in total and per model; 404 unless the owner owns the session. */
  async sessionUsage(owner: Owner, sessionId: string): Promise<SessionUsageDto> {
    await this.sessions.getOwned(owner, sessionId);
    return mapSessionUsage(sessionId, await this.requests.sessionUsageByModel(sessionId));
  }

  /** Tokens and cost of every call in a period, grouped by model, UTC day or owner (admins only). */
  async adminUsage(query: AdminUsageQuery): Promise<AdminUsageDto> {
    const period = resolvePeriod(query.from, query.to);
    const groupBy = query.groupBy ?? 'model';
    return mapAdminUsage(groupBy, period, await this.requests.usageGroupedBy(groupBy, period.from, period.to));
  }

  /**
   * Erasure: the calls of these owners, and any call in these sessions, keep their tokens and
   * cost (accounting) but get owner ERASED_OWNER, no session or message, and no request,
   * response, context manifest or error. How many calls were anonymized.
   */
  anonymizeOwners(ownerIds: string[], sessionIds: string[]): Promise<number> {
    return this.requests.anonymize(ownerIds, sessionIds, ERASED_OWNER);
  }

  /** A batch of a data-access export: the owners' calls, oldest first, after `after` (a previous batch's last `position`). */
  async exportBatch(ownerIds: string[], after: { at: string; id: string } | null, limit: number): Promise<(UsageRecordDto & { position: string })[]> {
    const rows = await this.requests.listOldestFirst(ownerIds, after, limit);
    return rows.map((row) => ({ ...mapUsageRecord(row), position: row.position }));
  }
}

function checkCounts(call: LlmCallRecord): void {
  const counts = { promptTokens: call.promptTokens, completionTokens: call.completionTokens, attempts: call.attempts };
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`LlmCallRecord.${name} must be a whole number >= 0, got ${value}`);
  }
}

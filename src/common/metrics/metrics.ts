import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

export type ChatTurnOutcome = 'ok' | 'truncated' | 'model_error' | 'unrecorded' | 'replayed' | 'refused';

/** The service's Prometheus metrics (GET /metrics), and the one place that records them. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly messagesAppended = new Counter({
    name: 'continuum_messages_appended_total',
    help: 'Messages stored, by role',
    labelNames: ['role'],
    registers: [this.registry],
  });
  private readonly chatTurns = new Counter({
    name: 'continuum_chat_turns_total',
    help: 'Chat turns by outcome (ok, truncated, model_error, unrecorded: answered without the database, replayed: an Idempotency-Key retry, refused)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly llmTokens = new Counter({
    name: 'continuum_llm_tokens_total',
    help: 'Tokens of model calls, by model and kind (prompt, completion)',
    labelNames: ['model', 'kind'],
    registers: [this.registry],
  });
  private readonly llmCost = new Counter({
    name: 'continuum_llm_cost_usd_total',
    help: 'Cost of model calls in USD, by model (calls of unpriced models count 0)',
    labelNames: ['model'],
    registers: [this.registry],
  });
  private readonly maintenanceRows = new Counter({
    name: 'continuum_maintenance_rows_total',
    help: 'Rows deleted or changed by maintenance jobs, by job',
    labelNames: ['job'],
    registers: [this.registry],
  });
  private readonly maintenanceDuration = new Histogram({
    name: 'continuum_maintenance_duration_seconds',
    help: 'Maintenance job runs, by job',
    labelNames: ['job'],
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 1800],
    registers: [this.registry],
  });

  constructor(@InjectDataSource() dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    const pool = () => (dataSource.driver as PostgresDriver).master as Pool | undefined;
    new Gauge({
      name: 'continuum_db_pool_connections',
      help: 'Connections of the database pool by state (idle, active, waiting: requests queued for a connection)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const current = pool();
        const [total, idle, waiting] = current ? [current.totalCount, current.idleCount, current.waitingCount] : [0, 0, 0];
        this.set({ state: 'idle' }, idle);
        this.set({ state: 'active' }, total - idle);
        this.set({ state: 'waiting' }, waiting);
      },
    });
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status }, seconds);
  }

  messageAppended(role: string): void {
    this.messagesAppended.inc({ role });
  }

  chatTurn(outcome: ChatTurnOutcome): void {
    this.chatTurns.inc({ outcome });
  }

  /** One model call's tokens and cost (null when the model has no price). */
  modelCall(model: string, promptTokens: number, completionTokens: number, costUsd: string | null): void {
    this.llmTokens.inc({ model, kind: 'prompt' }, promptTokens);
    this.llmTokens.inc({ model, kind: 'completion' }, completionTokens);
    this.llmCost.inc({ model }, costUsd === null ? 0 : Number(costUsd));
  }

  maintenanceRun(job: string, rows: number, seconds: number): void {
    this.maintenanceRows.inc({ job }, rows);
    this.maintenanceDuration.observe({ job }, seconds);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, TokenBudgetSettings } from '@/common/config/app-config';

/** How one total budget splits into tiers. */
export interface TierAllocation {
  total: number;
  system: number;
  memory: number;
  history: number;
  /** Kept free for the model's reply. */
  reserve: number;
}

/**
 * The one source of truth for token allocation: everything that needs a budget asks
 * here, nothing else holds numbers of its own. History gets what the other tiers leave.
 */
@Injectable()
export class TokenBudgetConfig {
  private readonly settings: TokenBudgetSettings;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.settings = config.tokenBudget;
  }

  /** The tiers of `total` tokens (the configured TOKEN_BUDGET_TOTAL when omitted). */
  allocate(total: number = this.settings.total): TierAllocation {
    const system = Math.floor(total * this.settings.systemShare);
    const memory = Math.floor(total * this.settings.memoryShare);
    const reserve = Math.floor(total * this.settings.reserveShare);
    return { total, system, memory, reserve, history: total - system - memory - reserve };
  }
}

import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, ErrorCode } from '@plenary/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { Public } from '@plenary/identity';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { MetricsService } from './metrics.service';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Prometheus scrape endpoint. With METRICS_TOKEN set it needs that bearer
 * token; without it, it answers only callers on this machine.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Req() req: Request): Promise<string> {
    this.authorise(req);
    return this.metrics.registry.metrics();
  }

  private authorise(req: Request): void {
    const expected = this.config.metricsToken;
    if (expected) {
      const presented = (req.headers.authorization ?? '').replace(/^Bearer /i, '');
      const a = Buffer.from(presented);
      const b = Buffer.from(expected);
      if (a.length === b.length && timingSafeEqual(a, b)) return;
      throw new DomainError(ErrorCode.Unauthenticated, 'A metrics token is required');
    }
    if (!LOOPBACK.has(req.ip ?? '')) throw new DomainError(ErrorCode.Forbidden, 'Metrics are served to this machine only; set METRICS_TOKEN');
  }
}

import { Controller, Get, Header, Injectable } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Histogram, Registry, collectDefaultMetrics, prometheusContentType } from 'prom-client';
import { Public } from './actor';

/**
 * The app's Prometheus registry (not prom-client's global one, so apps in one test process stay
 * apart). Inject it and pass `registers: [registry]` to your own metrics.
 */
@Injectable()
export class MetricsRegistry extends Registry {
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;

  constructor() {
    super();
    collectDefaultMetrics({ register: this });
    this.httpRequestDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route pattern, method and status',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this],
    });
  }
}

type RoutedRequest = IncomingMessage & { baseUrl?: string; route?: { path?: unknown } };

/**
 * Express middleware timing every request. The route label is the matched pattern (`/v1/mous/:id`),
 * never the raw URL, so label cardinality stays bounded; unmatched requests share one label.
 */
export const httpMetricsMiddleware =
  (registry: MetricsRegistry) =>
  (request: RoutedRequest, response: ServerResponse, next: () => void): void => {
    const end = registry.httpRequestDuration.startTimer();
    response.once('finish', () => {
      const pattern = request.route?.path;
      const route = typeof pattern === 'string' ? `${request.baseUrl ?? ''}${pattern}` : 'unmatched';
      end({ method: request.method ?? 'UNKNOWN', route, status_code: String(response.statusCode) });
    });
    next();
  };

@ApiTags('Operations')
@Controller()
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Get('metrics')
  @Public()
  @Header('Content-Type', prometheusContentType)
  @ApiOperation({ summary: 'Prometheus metrics, text exposition format' })
  @ApiProduces(prometheusContentType)
  @ApiOkResponse({
    description: 'Prometheus text format',
    schema: {
      type: 'string',
      example:
        '# HELP http_request_duration_seconds HTTP request duration by route pattern, method and status\n' +
        '# TYPE http_request_duration_seconds histogram\n' +
        'http_request_duration_seconds_count{method="GET",route="/v1/mous",status_code="200"} 12\n',
    },
  })
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

import { applyDecorators, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';

/** A route that answers 200 with server-sent events (refusals before the stream are problem+json). */
export const ApiEventStream = (events: string): MethodDecorator =>
  applyDecorators(
    HttpCode(200),
    ApiProduces('text/event-stream'),
    ApiOkResponse({ description: `Server-sent events: ${events}`, content: { 'text/event-stream': { schema: { type: 'string' } } } }),
  );

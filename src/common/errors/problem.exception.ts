/** One invalid field of a request, as listed in a problem+json `errors` array. */
export interface FieldError {
  field: string;
  messages: string[];
}

/**
 * A failure the caller should see as application/problem+json (RFC 9457).
 * `code` names the kind of problem and becomes the last segment of `type`.
 */
export class ProblemException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
  }

  static badRequest(code: string, detail: string, errors?: FieldError[]): ProblemException {
    return new ProblemException(400, code, 'Bad Request', detail, errors);
  }

  static notFound(detail: string): ProblemException {
    return new ProblemException(404, 'not-found', 'Not Found', detail);
  }

  static conflict(code: string, detail: string): ProblemException {
    return new ProblemException(409, code, 'Conflict', detail);
  }

  static unprocessable(code: string, detail: string): ProblemException {
    return new ProblemException(422, code, 'Unprocessable Content', detail);
  }

  static unauthorized(detail: string): ProblemException {
    return new ProblemException(401, 'unauthorized', 'Unauthorized', detail, undefined, {
      'www-authenticate': 'Bearer',
    });
  }
}

/** An error the service answered (problem+json), with its sentence as the message. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * A sentence for the visitor. useChat's transport throws the raw response body of a
 * refused request: that is problem+json, whose `detail` is the sentence.
 */
export function readableError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  const detail = problemDetail(message);
  if (detail) return detail;
  if (error instanceof TypeError || /failed to fetch|network/i.test(message)) {
    return 'The service cannot be reached. Check the connection and try again.';
  }
  return message || 'Something went wrong.';
}

/** The `detail` of a problem+json body, or null when the text is not one. */
export function problemDetail(text: string): string | null {
  try {
    const body = JSON.parse(text) as { detail?: unknown };
    return typeof body.detail === 'string' ? body.detail : null;
  } catch {
    return null;
  }
}

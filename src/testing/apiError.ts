/**
 * Business-rule failures of a route, answered with the nested shape
 * {"error":{"code","message","details"}}: unknown subaccount, insufficient
 * funds (400), no access (403), unknown id (404), repeated id (409).
 */

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

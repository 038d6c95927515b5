/** Throws a `KalshiContractError` when `body` is not what the spec allows for that operation and status. */
export type ResponseCheck = (operationId: string, status: number, body: unknown) => void;

/**
 * Loads the validators compiled from the spec (and the code that explains their findings). They
 * are imported only when a client asks for validation, so clients that do not pay nothing for
 * them, not even the download.
 */
export async function loadResponseCheck(): Promise<ResponseCheck> {
  const { checkResponse } = await import('./check.js');
  return checkResponse;
}

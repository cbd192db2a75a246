// The sitroom HTTP API (docs/api.md): JSON in, one error shape out.

export class ApiError extends Error {
  constructor(status, code, message, detail = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }

  /** One line for the page: what failed and, where the API says, which parameter. */
  describe() {
    const where = this.detail.parameter ? ` (parameter ${this.detail.parameter})` : "";
    return `The API answered ${this.status} ${this.code}: ${this.message}${where}`;
  }
}

/** GET a path of the API with query parameters (null/undefined/"" dropped); resolves to the parsed JSON. */
export async function get(path, params = {}, { signal } = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, String(value));
  }
  const url = query.toString() ? `${path}?${query}` : path;
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" }, signal });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(0, "unreachable", `the server did not answer ${path} (${error.message})`);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const e = body && body.error ? body.error : {};
    throw new ApiError(e.status || response.status, e.code || "http_error",
      e.message || `${response.status} ${response.statusText} for ${path}`, e);
  }
  if (body === null) throw new ApiError(response.status, "bad_json", `${path} did not answer JSON`);
  return body;
}

/** Every item of a list endpoint, page by page (size 500), up to maxItems. */
export async function getAll(path, params = {}, { signal, maxItems = 5000 } = {}) {
  const items = [];
  for (let page = 1; ; page += 1) {
    const body = await get(path, { ...params, page, size: 500 }, { signal });
    const got = Array.isArray(body.items) ? body.items : [];
    items.push(...got);
    const total = typeof body.total === "number" ? body.total : items.length;
    if (got.length === 0 || items.length >= total || items.length >= maxItems) return { items, total };
  }
}

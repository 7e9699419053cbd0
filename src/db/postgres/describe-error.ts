// Why PostgreSQL could not be used, in a sentence for an operator. Kept apart from the
// driver so that a SQLite server never loads it.
/** A sentence for an operator about why the server could not be used, without secrets. */
export function describePgError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  switch (e.code) {
    case "ECONNREFUSED":
      return "nothing answers at that address and port (is PostgreSQL running?)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "the host name in DATABASE_URL cannot be found";
    case "ETIMEDOUT":
      return "the server did not answer in time";
    case "28P01":
    case "28000":
      return "the server refused the user name or password in DATABASE_URL";
    case "3D000":
      return "the database named in DATABASE_URL does not exist (create it with createdb)";
    default:
      if (/timeout/i.test(e.message ?? "")) return "the server did not answer in time";
      return e.code ? `the server answered with error ${e.code}` : (e.message ?? String(error)).replace(/postgres(ql)?:\/\/\S+/gi, "<DATABASE_URL>");
  }
}

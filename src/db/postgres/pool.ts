// Connections to PostgreSQL. Prisma stores a DateTime as timestamp(3) holding the UTC
// wall-clock time; pg would read such a value in the machine's time zone, so our own
// queries read it as UTC (Prisma's adapter parses its results itself).
import pg from "pg";

const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;

const utcTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP_WITHOUT_TIME_ZONE && format !== "binary") return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  },
};

export interface PoolOptions {
  /** Connections this process keeps at most. */
  max: number;
}

const common = (connectionString: string) => ({
  connectionString,
  types: utcTypes,
  // An unreachable server fails a request after a few seconds (a 503 page), never hangs it.
  connectionTimeoutMillis: 5_000,
  query_timeout: 30_000,
  keepAlive: true,
  application_name: "spreekuur",
});

export function createPool(connectionString: string, options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({ ...common(connectionString), max: options.max, idleTimeoutMillis: 30_000 });
  // An idle connection that the server closed (a restart): pg drops it and opens a new
  // one for the next query. Without a listener the error would end the process.
  pool.on("error", () => {});
  return pool;
}

const ignore = () => {};

/**
 * A connection from the pool for work of our own. While it is checked out the pool does
 * not listen for its errors (a server restart ending it), and an error nobody listens
 * for would end the process: the failure reaches the query that is waiting instead.
 */
export async function checkOut(pool: pg.Pool): Promise<pg.PoolClient & { done(error?: unknown): void }> {
  const client = await pool.connect();
  client.on("error", ignore);
  return Object.assign(client, {
    done(error?: unknown) {
      client.removeListener("error", ignore);
      client.release(error instanceof Error ? error : error ? new Error("the connection reported an error", { cause: error }) : undefined);
    },
  });
}

/** One connection for a one-off task (migrations, the start-up check), closed afterwards. */
export async function withPgClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(common(connectionString));
  client.on("error", () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

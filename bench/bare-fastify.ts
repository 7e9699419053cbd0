// The ceiling: a bare Fastify server on the same machine and Node as the app. GET /ping
// answers a static JSON body. POST /book parses a form and writes one row as durably as
// the app does, then redirects: what a booking POST costs before any rule of the app.
//   SQLite      WAL, synchronous=FULL, and the same group commit (the rows of one turn of
//               the event loop share a transaction);
//   PostgreSQL  one INSERT per request on a pool of connections, committed (and synced)
//               by the server, which groups concurrent commits itself.
// Usage: node --import tsx bench/bare-fastify.ts <port> <SQLite file | postgresql:// URL>
import formbody from "@fastify/formbody";
import Database from "better-sqlite3";
import Fastify from "fastify";
import pg from "pg";

const target = process.argv[3] ?? ":memory:";

async function postgresWriter(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query("CREATE TABLE IF NOT EXISTS booking (id SERIAL PRIMARY KEY, token TEXT UNIQUE, name TEXT, slot TEXT)");
  return async (row: string[]) => {
    await pool.query({ name: "insert", text: "INSERT INTO booking (token, name, slot) VALUES ($1, $2, $3)", values: row });
  };
}

function sqliteWriter(file: string) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec("CREATE TABLE IF NOT EXISTS booking (id INTEGER PRIMARY KEY, token TEXT UNIQUE, name TEXT, slot TEXT)");
  const insert = db.prepare("INSERT INTO booking (token, name, slot) VALUES (?, ?, ?)");
  let batch: Array<{ row: string[]; done: () => void }> = [];
  const writeAll = db.transaction((rows: string[][]) => {
    for (const row of rows) insert.run(...row);
  });
  return (row: string[]) =>
    new Promise<void>((done) => {
      batch.push({ row, done });
      if (batch.length > 1) return;
      setImmediate(() => {
        const jobs = batch;
        batch = [];
        writeAll(jobs.map((job) => job.row));
        for (const job of jobs) job.done();
      });
    });
}

const write = target.startsWith("postgres") ? await postgresWriter(target) : sqliteWriter(target);
const app = Fastify({ logger: false });
await app.register(formbody);
app.get("/ping", async () => ({ ok: true }));
app.post("/book", async (request, reply) => {
  const body = request.body as Record<string, string>;
  await write([body.formKey ?? "", body.name ?? "", body.slot ?? ""]);
  return reply.redirect("/done", 303);
});
await app.listen({ port: Number(process.argv[2] ?? 0), host: "127.0.0.1" });
process.stdout.write("ready\n");

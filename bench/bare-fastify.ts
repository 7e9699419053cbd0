// The ceiling: a bare Fastify server on the same machine and Node as the app. GET /ping
// answers a static JSON body. POST /book parses a form and writes one row to SQLite as
// durably as the app does (WAL, synchronous=FULL) with the same group commit (the rows of
// one turn of the event loop share a transaction), then redirects: what a booking POST
// costs before any rule of the app. Usage: node --import tsx bench/bare-fastify.ts <port> <db file>
import formbody from "@fastify/formbody";
import Database from "better-sqlite3";
import Fastify from "fastify";

const db = new Database(process.argv[3] ?? ":memory:");
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.exec("CREATE TABLE IF NOT EXISTS booking (id INTEGER PRIMARY KEY, token TEXT UNIQUE, name TEXT, slot TEXT)");
const insert = db.prepare("INSERT INTO booking (token, name, slot) VALUES (?, ?, ?)");
let batch: Array<{ row: string[]; done: () => void }> = [];
const writeAll = db.transaction((rows: string[][]) => {
  for (const row of rows) insert.run(...row);
});
function write(row: string[]): Promise<void> {
  return new Promise((done) => {
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

// The ceiling: a bare Fastify server answering a static JSON route, on the same machine
// and Node as the app. Usage: node --import tsx bench/bare-fastify.ts <port>
import Fastify from "fastify";

const app = Fastify({ logger: false });
app.get("/ping", async () => ({ ok: true }));
await app.listen({ port: Number(process.argv[2] ?? 0), host: "127.0.0.1" });
process.stdout.write("ready\n");

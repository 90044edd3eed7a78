// Prints how long a failed log-in takes for an e-mail that has an account and for one that has not
// (issue 16, item 5: they must not differ). Against a running portal, e.g. the one `npm start` serves:
//   npx tsx scripts/measure-login-timing.ts [--url http://127.0.0.1:3000] [--samples 30]
// Each attempt comes from a loopback address of its own (127.0.1.x) and the known e-mails take
// turns, so no log-in limit is reached and every attempt is a full password check.
import { request } from "node:http";
import { parseArgs } from "node:util";
import { DEMO_USERS } from "@/lib/seed/demo-data";

const { values } = parseArgs({ options: { url: { type: "string", default: "http://127.0.0.1:3000" }, samples: { type: "string", default: "30" } } });
const base = new URL(values.url);

function send(method: string, path: string, from: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, method, path, localAddress: from, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Milliseconds of one failed log-in post (the CSRF token fetched beforehand, not timed). */
async function failedLogIn(email: string, from: string): Promise<number> {
  const csrf = await send("GET", "/api/auth/csrf", from, {});
  const cookie = ([] as string[]).concat(csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const form = new URLSearchParams({ csrfToken: (JSON.parse(csrf.body) as { csrfToken: string }).csrfToken, email, password: "forkert-kode", json: "true" });
  const started = performance.now();
  const response = await send("POST", "/api/auth/callback/credentials", from, { cookie, "content-type": "application/x-www-form-urlencoded" }, form.toString());
  const elapsed = performance.now() - started;
  if (!response.body.includes("Forkert")) throw new Error(`not a plain failed log-in: ${response.body}`);
  return elapsed;
}

const samples = Number(values.samples);
const times = { known: [] as number[], unknown: [] as number[] };
for (let i = 0; i < samples; i++) {
  const from = (n: number) => `127.0.1.${((2 * i + n) % 250) + 1}`;
  times.known.push(await failedLogIn(DEMO_USERS[i % DEMO_USERS.length]!.email, from(0)));
  times.unknown.push(await failedLogIn(`findes.ikke.${i}@demo.example.dk`, from(1)));
}
const quantile = (list: number[], q: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))]!;
for (const [name, list] of Object.entries(times)) {
  console.log(`${name.padEnd(8)} e-mail: p50 ${quantile(list, 0.5).toFixed(1)} ms, p90 ${quantile(list, 0.9).toFixed(1)} ms (${list.length} failed log-ins)`);
}

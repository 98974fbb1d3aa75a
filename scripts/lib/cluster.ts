// N app instances on one Postgres behind nginx on loopback, run from the deploy/ examples themselves: each
// instance is started the way deploy/roundtrip.service tells systemd to (Environment=, ExecStartPre=,
// ExecStart=, Restart=), and nginx runs deploy/nginx.conf.template with its placeholders filled.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./embedded-pg.ts";

export const UNIT_FILE = path.resolve("deploy/roundtrip.service");
export const NGINX_TEMPLATE = path.resolve("deploy/nginx.conf.template");

export type Unit = { env: Record<string, string>; execStartPre: string[][]; execStart: string[]; restart: boolean; restartSec: number };

/** The parts of a systemd unit the cluster needs, with %i replaced by the instance name (its port). */
export function parseUnit(text: string, instance: string): Unit {
  const unit: Unit = { env: {}, execStartPre: [], execStart: [], restart: false, restartSec: 1 };
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith("[")) continue;
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1).replaceAll("%i", instance);
    if (key === "Environment") {
      const e = value.indexOf("=");
      unit.env[value.slice(0, e)] = value.slice(e + 1);
    } else if (key === "ExecStartPre") unit.execStartPre.push(value.split(/\s+/));
    else if (key === "ExecStart") unit.execStart = value.split(/\s+/);
    else if (key === "Restart") unit.restart = value === "always" || value === "on-failure";
    else if (key === "RestartSec") unit.restartSec = Number(value);
  }
  return unit;
}

/** `${NAME}` placeholders (upper case only, so nginx's own `$host` style variables are left alone). */
export function fillTemplate(text: string, values: Record<string, string>, template = NGINX_TEMPLATE): string {
  return text.replace(/\$\{([A-Z_]+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${template}: no value for \${${name}}`);
    return value;
  });
}

/** The one secret set every instance shares: generated once per data directory and kept there (mode 0600). */
export function clusterSecrets(dir: string): { NEXTAUTH_SECRET: string; NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: string } {
  const file = path.join(dir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as ReturnType<typeof clusterSecrets>;
  mkdirSync(dir, { recursive: true });
  const secrets = {
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(48).toString("base64url"),
    // AES-256 key, base64, as Next expects; the same on every instance so an action encrypted by one decrypts on another.
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
  };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/** `binary` on PATH (or in /usr/sbin), installed from apt when we are root and apt exists; otherwise one line saying how. */
export function ensureInstalled(binary: string, aptPackages: string[], log: (m: string) => void): string {
  const found = spawnSync("sh", ["-c", `command -v ${binary} || ls /usr/sbin/${binary} 2>/dev/null`], { encoding: "utf8" }).stdout.trim().split("\n")[0];
  if (found) return found;
  const root = process.getuid?.() === 0;
  const apt = spawnSync("sh", ["-c", "command -v apt-get"], { encoding: "utf8" }).stdout.trim();
  const last = aptPackages.at(-1) as string;
  if (!root || !apt) throw new Error(`${binary} is not installed: run \`sudo apt-get install ${last}\` (or your system's package), then try again.`);
  log(`Installing ${binary} with apt-get (it is missing)…`);
  // A fresh machine may have no package lists yet (CI): update once, then try the packages in order.
  const tries = `(apt-get update -qq || true) && (${aptPackages.map((p) => `apt-get install -y --no-install-recommends ${p}`).join(" || ")})`;
  const r = spawnSync("sh", ["-c", tries], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (r.status !== 0) throw new Error(`apt-get could not install ${binary}: run \`apt-get update && apt-get install ${last}\`, then try again.`);
  return `/usr/sbin/${binary}`;
}

export type Instance = { name: string; port: number; url: string; process: ChildProcess | null; restarts: number };

export type ClusterOptions = {
  instances: number;
  databaseUrl: string;
  distDir: string;
  secretsDir: string;
  nginxPort?: number;
  /** Extra environment for every instance (e.g. lower rate limits in tests). */
  env?: Record<string, string>;
  log?: (m: string) => void;
  /** Where instance output goes: "inherit" for the CLI, "ignore" or a file for tests. */
  output?: "inherit" | "ignore";
};

export type Cluster = {
  instances: Instance[];
  nginxUrl: string;
  /** SIGKILL one instance (no restart until `restart` is called, whatever the unit says). */
  kill: (i: number) => Promise<void>;
  /** Starts a killed instance again (ExecStartPre, then ExecStart) and waits until it is healthy. */
  restart: (i: number) => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * How long an instance may take from its start to its first healthy answer: a hang catcher. A start is ~10 s of CPU
 * (the migration step, then Next), and at load 35-40 on the shared 2-core machine one took 140 s and more.
 */
const START_BOUND_MS = 600_000;

async function waitHealthy(url: string, proc: () => ChildProcess | null, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const p = proc();
    if (p && p.exitCode !== null) throw new Error(`the instance at ${url} exited with code ${p.exitCode} before it was healthy`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become healthy within ${ms / 1000} s`);
}

function execute(argv: string[], env: NodeJS.ProcessEnv, output: "inherit" | "ignore"): ChildProcess {
  // The unit names /usr/bin/node; the cluster uses the node running it, wherever that is installed.
  const [cmd, ...args] = argv;
  const command = cmd && path.basename(cmd) === "node" ? process.execPath : (cmd as string);
  return spawn(command, args, { env, stdio: ["ignore", output, output === "inherit" ? "inherit" : "ignore"] });
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.log ?? (() => {});
  const output = options.output ?? "inherit";
  const nginxBin = ensureInstalled("nginx", ["nginx-light", "nginx"], log);
  const secrets = clusterSecrets(options.secretsDir);
  const nginxPort = options.nginxPort ?? (await freePort());
  const nginxUrl = `http://127.0.0.1:${nginxPort}`;
  const unitText = readFileSync(UNIT_FILE, "utf8");
  const ports: number[] = [];
  for (let i = 0; i < options.instances; i++) ports.push(await freePort());
  const instances: Instance[] = ports.map((port, i) => ({
    name: String.fromCharCode(65 + i),
    port,
    url: `http://127.0.0.1:${port}`,
    process: null,
    restarts: 0,
  }));
  const stopped = new Set<number>();
  let stopping = false;

  const envFor = (port: number): NodeJS.ProcessEnv => ({
    ...process.env,
    ...parseUnit(unitText, String(port)).env,
    DATABASE_URL: options.databaseUrl,
    NEXTAUTH_URL: nginxUrl,
    NEXT_DIST_DIR: options.distDir,
    ...secrets,
    ...options.env,
  });

  const launch = async (i: number): Promise<void> => {
    const inst = instances[i] as Instance;
    const unit = parseUnit(unitText, String(inst.port));
    const env = envFor(inst.port);
    for (const pre of unit.execStartPre) {
      const code = await new Promise<number>((resolve) => execute(pre, env, output).on("exit", (c) => resolve(c ?? 1)));
      if (code !== 0) throw new Error(`instance ${inst.name}: ${pre.join(" ")} exited with code ${code}`);
    }
    // Stopped while the migration step ran (or while it waited for the lock): start nothing.
    if (stopping || stopped.has(i)) return;
    const child = execute(unit.execStart, env, output);
    inst.process = child;
    child.on("exit", () => {
      // Restart=always, as systemd would, unless we stopped it on purpose.
      if (stopping || stopped.has(i) || !unit.restart || inst.process !== child) return;
      inst.restarts++;
      setTimeout(() => {
        if (!stopping && !stopped.has(i)) launch(i).catch((e: unknown) => log(`restart of ${inst.name} failed: ${(e as Error).message}`));
      }, unit.restartSec * 1000);
    });
  };

  // All instances start together: each runs the migrations first, and the advisory lock makes all but one wait.
  log(`Starting ${options.instances} instance(s) on ports ${ports.join(", ")}`);
  let nginx: ChildProcess | null = null;
  // A start that fails half-way must not leave instances or nginx running behind it.
  const abandon = async (error: unknown): Promise<never> => {
    stopping = true;
    for (const p of [nginx, ...instances.map((i) => i.process)]) p?.kill("SIGKILL");
    throw error;
  };
  try {
    await Promise.all(instances.map((_, i) => launch(i)));
    await Promise.all(instances.map((inst) => waitHealthy(inst.url, () => inst.process, START_BOUND_MS)));
  } catch (error) {
    return abandon(error);
  }

  const runtimeDir = mkdtempSync(path.join(os.tmpdir(), "roundtrip-nginx-"));
  // nginx workers run as an unprivileged user when started by root: they must reach their temp directories.
  chmodSync(runtimeDir, 0o755);
  for (const d of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) {
    mkdirSync(path.join(runtimeDir, d));
    chmodSync(path.join(runtimeDir, d), 0o777);
  }
  try {
    const conf = fillTemplate(readFileSync(NGINX_TEMPLATE, "utf8"), {
      RUNTIME_DIR: runtimeDir,
      LISTEN: `127.0.0.1:${nginxPort}`,
      UPSTREAM_SERVERS: ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join("\n"),
    });
    const confFile = path.join(runtimeDir, "nginx.conf");
    writeFileSync(confFile, conf);
    const started = spawn(nginxBin, ["-p", runtimeDir, "-c", confFile, "-g", "daemon off;"], { stdio: ["ignore", "ignore", "inherit"] });
    nginx = started;
    await waitHealthy(nginxUrl, () => started, 30_000);
  } catch (error) {
    rmSync(runtimeDir, { recursive: true, force: true });
    return abandon(error);
  }
  log(`nginx on ${nginxUrl} → ${instances.map((i) => `${i.name} ${i.url}`).join(", ")}`);

  const exited = (p: ChildProcess | null) =>
    !p || p.exitCode !== null || p.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => p.once("exit", () => r()));

  return {
    instances,
    nginxUrl,
    kill: async (i) => {
      stopped.add(i);
      const p = instances[i]?.process ?? null;
      p?.kill("SIGKILL");
      await exited(p);
    },
    restart: async (i) => {
      stopped.delete(i);
      await launch(i);
      const inst = instances[i] as Instance;
      await waitHealthy(inst.url, () => inst.process, START_BOUND_MS);
    },
    stop: async () => {
      stopping = true;
      const all = [nginx, ...instances.map((i) => i.process)];
      for (const p of all) p?.kill("SIGTERM");
      const timer = setTimeout(() => all.forEach((p) => p?.kill("SIGKILL")), 10_000);
      await Promise.all(all.map(exited));
      clearTimeout(timer);
      rmSync(runtimeDir, { recursive: true, force: true });
    },
  };
}

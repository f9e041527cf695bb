import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

/**
 * Which Chromium the browser tests drive: $CHROMIUM_PATH, else Playwright's own build if one is installed, else
 * Debian's /usr/bin/chromium. Playwright cannot download browsers on these machines.
 */
export function findChromium(): string {
  const override = process.env.CHROMIUM_PATH;
  if (override) {
    if (!existsSync(override)) throw new Error(`CHROMIUM_PATH=${override} does not exist`);
    return override;
  }
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    /* no Playwright browser installed */
  }
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    "No Chromium found: run `apt-get install -y chromium` (Debian) or set CHROMIUM_PATH to a Chromium binary.",
  );
}

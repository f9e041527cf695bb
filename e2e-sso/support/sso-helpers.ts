/** What a person does at the test IdP, and the app's JSON answers the SSO specs compare the screen with. */
import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { SSO } from "./sso-env";

export type Person = (typeof SSO.people)[keyof typeof SSO.people];

/** Fills the IdP's login form (the browser must already be on it) and submits. */
export async function signInAtIdp(page: Page, person: { login: string; password: string }): Promise<void> {
  await expect(page.getByRole("heading", { name: "Test IdP sign-in" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(SSO.issuer);
  await page.getByLabel("Username").fill(person.login);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export interface Me {
  user: { id: string; name: string; groups: string[] };
  canTrigger: boolean;
}

export async function me(
  request: APIRequestContext,
  baseUrl: string,
): Promise<{ status: number; body: Me & { error?: { code: string } } }> {
  const res = await request.get(`${baseUrl}/api/me`);
  return { status: res.status(), body: await res.json() };
}

/** POST /api/jobs as the dashboard's own page would (same origin, JSON, Idempotency-Key). */
export async function postTrigger(
  request: APIRequestContext,
  baseUrl: string,
  name: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const workflows = await request.get(`${baseUrl}/api/ci/workflows`);
  expect(workflows.status()).toBe(200);
  const items = ((await workflows.json()) as { items: { id: string }[] }).items;
  const res = await request.post(`${baseUrl}/api/jobs`, {
    headers: { "Idempotency-Key": randomUUID(), Origin: baseUrl, "Content-Type": "application/json" },
    data: { Name: name, Type: "Workflow", Input: { Prefix: `sso/${name}/` }, Operation: { WorkflowIds: items[0]!.id } },
  });
  return { status: res.status(), body: await res.json() };
}

/** The audit rows (newest first) as GET /api/audit returns them. */
export async function auditEntries(
  request: APIRequestContext,
  baseUrl: string,
): Promise<{ actor: string; jobId?: string; action?: string }[]> {
  const res = await request.get(`${baseUrl}/api/audit`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { entries: { actor: string; jobId?: string; action?: string }[] }).entries;
}

export const uniqueName = (label: string) =>
  `sso-${label}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;

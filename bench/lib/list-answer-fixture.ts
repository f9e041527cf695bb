/**
 * The 100-job list answer of bench/xml-parse.bench.ts, also used by test/ci/xml-equivalence.test.ts to check that the
 * parse being timed gives the same objects as the baseline. `variant` renames every job (all news); the first
 * `moved` jobs get the State `movedState` (a poll in which that many jobs changed).
 */
export function listAnswer(requestId: string, variant: number, moved = 0, movedState = "Progress"): string {
  const jobs = Array.from(
    { length: 100 },
    (_, i) =>
      `<JobsDetail><Code>Success</Code><Type>Job</Type><Message/><Name>batch-${i}</Name><JobId>j${variant}x${String(i).padStart(30, "0")}</JobId>` +
      `<State>${i < moved ? movedState : i % 3 ? "Success" : "Running"}</State><CreationTime>2026-12-01T10:00:00+0800</CreationTime><StartTime>2026-12-01T10:00:01+0800</StartTime>` +
      `<EndTime>2026-12-01T10:05:00+0800</EndTime><Input><Prefix>input/${i}/</Prefix></Input><Operation><Tag>Transcode</Tag>` +
      `<TimeInterval><Start>2026-11-01T12:00:00+0800</Start><End>2026-12-01T12:00:00+0800</End></TimeInterval>` +
      `<QueueId>p893bcda225bf4945a378da6662e81a89</QueueId><UserData>note &amp; more</UserData><CallBack>https://cb.example.com/hook</CallBack>` +
      `<JobParam><TemplateId>t1460606b9752148c4ab182f55163ba7cd</TemplateId></JobParam>` +
      `<Output><Region>ap-chongqing</Region><Bucket>test-1234567890</Bucket><Object>output/\${InventoryTriggerJobId}/out-${i}.mp4</Object></Output>` +
      `<JobLevel>0</JobLevel></Operation></JobsDetail>`,
  ).join("");
  return `<Response><RequestId>${requestId}</RequestId>${jobs}<NextToken>25</NextToken></Response>`;
}

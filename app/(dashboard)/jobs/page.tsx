export const metadata = { title: "Jobs" };

/** Placeholder until the jobs table lands. */
export default function JobsPage() {
  return <h1 className="text-2xl font-semibold">Batch jobs</h1>;
}

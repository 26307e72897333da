/** Placeholder: being built (issue #6, §17). */
export default function BlacklistPage() {
  return <div>黑名单</div>;
}

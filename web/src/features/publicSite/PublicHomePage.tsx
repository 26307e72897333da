/** Placeholder: being built (issue #6, §17). */
export default function PublicHomePage() {
  return <div>信息公开</div>;
}

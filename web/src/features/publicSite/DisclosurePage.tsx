/** Placeholder: being built (issue #6, §17). */
export default function DisclosurePage() {
  return <div>任务完成与资金使用</div>;
}

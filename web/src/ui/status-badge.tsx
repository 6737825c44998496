/** "Active" or "Inactive", in words (colour only repeats it). */
export function StatusBadge({ inactive }: { inactive: boolean }) {
  return (
    <span className={`badge ${inactive ? 'badge-off' : 'badge-ok'}`}>{inactive ? 'Inactive' : 'Active'}</span>
  );
}

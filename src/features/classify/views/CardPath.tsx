/**
 * A card's title: the folders dimmed and allowed to shrink, the file name kept whole, so
 * "holiday/2024/…/cat.jpg" still shows which cat.
 */
export function CardPath({ path }: { path: string }) {
  const slash = path.lastIndexOf('/');
  const folders = slash >= 0 ? path.slice(0, slash + 1) : '';
  const file = path.slice(slash + 1);
  return (
    <h3 className="card-path" title={path} data-testid="card-path">
      {folders && <span className="card-folders">{folders}</span>}
      <span className="card-file">{file}</span>
    </h3>
  );
}

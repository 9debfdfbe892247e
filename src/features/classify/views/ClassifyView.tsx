import { DropZone } from './DropZone';
import { ResultsList } from './ResultsList';

/** Drop images, read top-k: the default view. */
export function ClassifyView() {
  return (
    <>
      <DropZone />
      <ResultsList />
    </>
  );
}

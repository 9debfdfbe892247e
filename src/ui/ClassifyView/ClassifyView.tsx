import { DropZone } from '../DropZone/DropZone';
import { ResultsList } from '../ResultsList/ResultsList';

/** Drop images, read top-k: the default view. */
export function ClassifyView() {
  return (
    <>
      <DropZone />
      <ResultsList />
    </>
  );
}

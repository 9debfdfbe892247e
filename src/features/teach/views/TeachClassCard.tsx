import { useRef } from 'react';
import { addImages, removeClass, removeImage, renameClass } from '@/features/teach/client/teach';
import type { TeachClass } from '@/features/teach/client/teachState';
import { IMAGE_ACCEPT, fromFolderPicker, partitionImages } from '@/browser/files/imageFiles';
import { resolveDrop } from '@/browser/files/droppedItems';
import { useDropTarget, useFolderInput } from '@/browser/files/useDropTarget';

/** One class: its name, its images (drop files or folders, or choose them), how many are embedded. */
export function TeachClassCard({ cls, index, canRemove }: { cls: TeachClass; index: number; canRemove: boolean }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useFolderInput();
  const { over, handlers } = useDropTarget((contents) => void resolveDrop(contents).then(({ files }) => addImages(cls.id, files)));
  const embedded = cls.images.filter((i) => i.vector).length;
  const failed = cls.images.filter((i) => i.error);
  // What the class can learn from: an unreadable file is listed (with why), not counted.
  const usable = cls.images.length - failed.length;

  return (
    <section
      className={`teach-class${over ? ' dropzone-over' : ''}`}
      data-testid="teach-class"
      data-count={cls.images.length}
      data-embedded={embedded}
      data-failed={failed.length}
      aria-label={`Class ${cls.name}`}
      {...handlers}
    >
      <div className="teach-class-head">
        <input
          data-testid="teach-class-name"
          aria-label={`Name of class ${index + 1}`}
          value={cls.name}
          onChange={(e) => renameClass(cls.id, e.target.value)}
        />
        <span className="muted" data-testid="teach-class-count">
          {usable} image{usable === 1 ? '' : 's'}
          {failed.length > 0 ? ` · ${failed.length} unreadable` : ''}
          {embedded < usable ? ` · ${embedded} embedded` : ''}
        </span>
        {canRemove && (
          <button type="button" className="teach-remove" aria-label={`Delete class ${cls.name}`} onClick={() => removeClass(cls.id)}>
            Delete
          </button>
        )}
      </div>
      <p className="muted teach-drop-hint">Drop images or folders here, or</p>
      <div className="dropzone-actions">
        <button type="button" onClick={() => fileInput.current?.click()}>
          Choose images
        </button>
        <button type="button" onClick={() => folderInput.current?.click()}>
          Choose a folder
        </button>
      </div>
      {cls.images.length > 0 && (
        <ul className="teach-images">
          {cls.images.map((image) => (
            <li key={image.id} className={image.error ? 'teach-image-bad' : image.vector ? '' : 'teach-image-wait'} title={image.error ?? image.name}>
              <span className="zoo-name">{image.name}</span>
              <button type="button" aria-label={`Remove ${image.name}`} onClick={() => removeImage(cls.id, image.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {failed.length > 0 && (
        <p className="teach-bad" role="alert">
          {failed.length} image{failed.length === 1 ? '' : 's'} could not be read: {failed[0]?.error}
        </p>
      )}
      <input
        ref={fileInput}
        data-testid="teach-drop"
        type="file"
        accept={IMAGE_ACCEPT}
        multiple
        hidden
        onChange={(e) => {
          void addImages(
            cls.id,
            Array.from(e.target.files ?? []).map((file) => ({ file, path: file.name })),
          );
          e.target.value = '';
        }}
      />
      <input
        ref={folderInput}
        type="file"
        multiple
        hidden
        onChange={(e) => {
          void addImages(cls.id, partitionImages(fromFolderPicker(Array.from(e.target.files ?? []))).images);
          e.target.value = '';
        }}
      />
    </section>
  );
}

import { useEffect, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { classifyDropped, classifyFiles } from '@/features/classify/client/classifyActions';
import { IMAGE_ACCEPT, fromFolderPicker, partitionImages } from '@/browser/files/imageFiles';
import { resolveDrop, type DropContents } from '@/browser/files/droppedItems';
import { useDropTarget, useFolderInput } from '@/browser/files/useDropTarget';
import './classify.css';

/**
 * Images in by drag-and-drop (files or whole folders), the two pickers, or paste anywhere on the
 * page. Two real buttons keep it usable from the keyboard; a click anywhere else opens the file picker.
 */
export function DropZone() {
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useFolderInput();
  const [reading, setReading] = useState(false);

  useEffect(() => {
    const onPaste = (event: ClipboardEvent): void => {
      const files = Array.from(event.clipboardData?.files ?? []);
      if (files.length > 0) {
        event.preventDefault();
        classifyFiles(files);
      }
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, []);

  const { over, handlers } = useDropTarget((contents: DropContents) => {
    if (contents.folders.length === 0) {
      classifyFiles(contents.loose);
      return;
    }
    setReading(true);
    void resolveDrop(contents)
      .then(({ files, skipped }) => classifyDropped(files, skipped))
      .finally(() => setReading(false));
  });

  const pick = (input: RefObject<HTMLInputElement | null>) => (event: MouseEvent) => {
    event.stopPropagation(); // not the zone's own click as well
    input.current?.click();
  };

  return (
    <>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: a click anywhere on the drop area is a mouse shortcut; the keyboard uses the two buttons inside it */}
      {/* biome-ignore lint/a11y/useSemanticElements: a drop region, not a form landmark; its buttons are the keyboard way in */}
      <div
        className={`dropzone${over ? ' dropzone-over' : ''}`}
        data-testid="drop-zone"
        role="region"
        aria-label="Drop images or folders here"
        {...handlers}
        onClick={() => fileInput.current?.click()}
      >
        <p>
          <strong>Drop images or folders here</strong>, choose them, or paste. One or hundreds; they never leave this device.
        </p>
        <div className="dropzone-actions">
          <button type="button" data-testid="choose-files" onClick={pick(fileInput)}>
            Choose images
          </button>
          <button type="button" data-testid="choose-folder" onClick={pick(folderInput)}>
            Choose a folder
          </button>
        </div>
        {reading && (
          <p className="muted" role="status">
            Reading the folder…
          </p>
        )}
      </div>
      {/* Outside the zone: input.click() bubbles, and the zone's own click would open the file picker again. */}
      <input
        ref={fileInput}
        data-testid="drop-input"
        type="file"
        accept={IMAGE_ACCEPT}
        multiple
        hidden
        onChange={(e) => {
          classifyFiles(Array.from(e.target.files ?? []));
          e.target.value = ''; // the same file twice is a new drop
        }}
      />
      <input
        ref={folderInput}
        data-testid="drop-folder-input"
        type="file"
        multiple
        hidden
        onChange={(e) => {
          const { images, skipped } = partitionImages(fromFolderPicker(Array.from(e.target.files ?? [])));
          void classifyDropped(images, { notImages: skipped.map((s) => s.path), unreadable: [] });
          e.target.value = '';
        }}
      />
    </>
  );
}

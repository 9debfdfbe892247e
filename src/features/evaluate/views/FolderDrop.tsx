/**
 * Where Evaluate's folder comes in: dropped onto the zone (walked as Classify's drop zone walks
 * folders), or chosen with the folder input, which keyboard and screen-reader users reach directly.
 * Every file below the folder comes along, the labels CSV and non-images too: the layout decides.
 */
import { useState } from 'react';
import { walkFolders } from '@/browser/files/folderWalk';
import type { DropContents } from '@/browser/files/droppedItems';
import { useDropTarget, useFolderInput } from '@/browser/files/useDropTarget';
import { chooseFolder, readFolderFiles } from '@/features/evaluate/client/evaluateFolder';

async function readDrop({ loose, folders }: DropContents): Promise<void> {
  const walked = folders.length > 0 ? await walkFolders(folders) : { files: [], unreadable: [] };
  // Loose files keep their bare names, as the folder walk names a loose file.
  await readFolderFiles([...walked.files, ...loose.map((file) => ({ file, path: file.name }))]);
}

export function FolderDrop({ disabled }: { disabled: boolean }) {
  const folderInput = useFolderInput();
  const [reading, setReading] = useState(false);
  const { over, handlers } = useDropTarget((contents) => {
    if (disabled) return;
    setReading(true);
    void readDrop(contents).finally(() => setReading(false));
  });
  return (
    <section
      className={`dropzone evaluate-drop${over && !disabled ? ' dropzone-over' : ''}`}
      data-testid="evaluate-drop-zone"
      aria-label="Drop a labelled folder here"
      aria-disabled={disabled}
      {...handlers}
    >
      <p>
        <strong>Drop a labelled folder here</strong>, or choose one.
      </p>
      <label className="evaluate-folder">
        Folder{' '}
        <input
          ref={folderInput}
          type="file"
          multiple
          data-testid="evaluate-folder-input"
          disabled={disabled}
          onChange={(e) => {
            void chooseFolder(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
      </label>
      {reading && (
        <p className="muted" role="status">
          Reading the folder…
        </p>
      )}
    </section>
  );
}

import { useEffect, useRef, useState, type DragEvent } from 'react';
import { classifyFiles } from '../../store/actions';

/** Images in by drag-and-drop, the file picker, or paste anywhere on the page. */
export function DropZone() {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

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

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setOver(false);
    classifyFiles(Array.from(event.dataTransfer.files));
  };

  return (
    <div
      className={`dropzone${over ? ' dropzone-over' : ''}`}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      onClick={() => input.current?.click()}
      role="button"
      tabIndex={0}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && input.current?.click()}
    >
      <p>
        <strong>Drop images here</strong>, click to choose, or paste. One or hundreds; they never leave this device.
      </p>
      <input
        ref={input}
        data-testid="drop-input"
        type="file"
        accept="image/*"
        multiple
        hidden
        onChange={(e) => {
          classifyFiles(Array.from(e.target.files ?? []));
          e.target.value = ''; // the same file twice is a new drop
        }}
      />
    </div>
  );
}

/**
 * What every drop area shares (Classify's drop zone, each Teach class): the hover state, and the
 * dropped files and folders taken from the DataTransfer during the drop event itself (it is
 * emptied once the event returns). Plus the folder picker input, which React cannot make alone.
 */
import { useEffect, useRef, useState, type DragEvent, type RefObject } from 'react';
import { takeDropContents, type DropContents } from './droppedItems';

export interface DropTarget {
  over: boolean;
  handlers: {
    onDragOver(event: DragEvent<HTMLElement>): void;
    onDragLeave(event: DragEvent<HTMLElement>): void;
    onDrop(event: DragEvent<HTMLElement>): void;
  };
}

export function useDropTarget(onContents: (contents: DropContents) => void): DropTarget {
  const [over, setOver] = useState(false);
  return {
    over,
    handlers: {
      onDragOver(event) {
        event.preventDefault();
        setOver(true);
      },
      onDragLeave(event) {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      },
      onDrop(event) {
        event.preventDefault();
        setOver(false);
        onContents(takeDropContents(event.dataTransfer));
      },
    },
  };
}

/** A ref for a hidden file input that picks a whole folder (React has no prop for webkitdirectory). */
export function useFolderInput(): RefObject<HTMLInputElement | null> {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.setAttribute('webkitdirectory', ''), []);
  return ref;
}

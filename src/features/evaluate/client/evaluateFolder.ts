/**
 * A chosen (`<input webkitdirectory>`) or dropped folder read into Evaluate's slice: each file's relative path,
 * the labels CSV's text when there is one, and the layout (folderLayout). Then the mapping preview
 * against the first entry, so what will not be scored shows before anything runs.
 */
import { useStore } from '@/app/store/index';
import { findLabelCsv, folderLayout } from '@/features/evaluate/shared/folderLayout';
import { planImages } from '@/features/evaluate/shared/evaluatePlan';
import type { DroppedFile } from '@/browser/files/imageFiles';
import type { EvaluateFolder } from './evaluateSlice';
import { entrySpecs } from './evaluateEntries';
import { modelClasses } from './modelClassesClient';

/** The path the folder walk gives: relative to the chosen folder's parent, the folder's own name first. */
const pathOf = (file: File): string => file.webkitRelativePath || file.name;

export function chooseFolder(fileList: readonly File[]): Promise<void> {
  return readFolderFiles(fileList.map((file) => ({ file, path: pathOf(file) })));
}

/**
 * The folder's files with their paths as the folder walk gives them ("evalset/n01440764/a.jpg"):
 * a dropped folder's walk and the picker's webkitRelativePath agree, so labels and corruption seeds match.
 */
export async function readFolderFiles(walked: readonly DroppedFile[]): Promise<void> {
  if (useStore.getState().evaluateRun?.status === 'running') return;
  useStore.setState({ evaluateFolder: null, evaluateFolderProblem: null, evaluatePreview: null });
  if (walked.length === 0) {
    useStore.setState({ evaluateFolderProblem: 'The folder is empty: there is nothing to evaluate.' });
    return;
  }
  const files = new Map(walked.map(({ file, path }) => [path, file]));
  const paths = [...files.keys()];
  const csvPath = findLabelCsv(paths);
  let csvText: string | undefined;
  try {
    csvText = csvPath ? await files.get(csvPath)?.text() : undefined;
  } catch (error) {
    useStore.setState({ evaluateFolderProblem: `The labels file ${csvPath} could not be read: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  const layout = folderLayout(paths, csvText ?? (csvPath ? '' : undefined));
  const folder: EvaluateFolder = {
    name: paths[0]?.split('/')[0] ?? 'folder',
    layout: layout.layout,
    csvPath: layout.csvPath,
    images: layout.images,
    files,
    nonImages: layout.nonImages,
    csvErrors: layout.csvErrors,
  };
  const problem = layout.images.length === 0 ? `No images in ${folder.name}: ${layout.nonImages.length} file(s), none of them an image.` : null;
  useStore.setState({ evaluateFolder: folder, evaluateFolderProblem: problem });
  await refreshPreview();
}

/** The folder's labels mapped to the first entry's classes; cleared when there is no folder or entry. */
export async function refreshPreview(): Promise<void> {
  const folder = useStore.getState().evaluateFolder;
  const [first] = entrySpecs();
  if (!folder || !first) {
    useStore.setState({ evaluatePreview: null });
    return;
  }
  try {
    const classes = await modelClasses(first.spec);
    // The folder or the entries may have changed while the labels loaded.
    if (useStore.getState().evaluateFolder !== folder) return;
    useStore.setState({ evaluatePreview: { entry: first.choice, plan: planImages(folder.images, classes.names, classes.synsets) } });
  } catch (error) {
    useStore.setState({
      evaluateFolderProblem: `The labels of ${first.spec.name} could not be read: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

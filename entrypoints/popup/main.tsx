import '../../components/styles.css';
import { PopupApp } from './App';
import { browserPlatform, mountPage } from '../../utils/browser-platform';

mountPage(<PopupApp platform={browserPlatform()} />);

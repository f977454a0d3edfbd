import '../../components/styles.css';
import { PopupApp } from './App';
import { browserPlatform, mountPage } from './platform';

mountPage(<PopupApp platform={browserPlatform()} />);

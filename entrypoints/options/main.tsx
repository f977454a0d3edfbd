import '../../components/styles.css';
import { browserPlatform, mountPage } from '../../utils/browser-platform';
import { OptionsApp } from './App';

mountPage(<OptionsApp platform={browserPlatform()} />);

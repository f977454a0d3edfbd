import '../../components/styles.css';
import { browserPlatform, mountPage } from '../popup/platform';
import { OptionsApp } from './App';

mountPage(<OptionsApp platform={browserPlatform()} />);

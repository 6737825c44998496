/**
 * Japanese and Chinese names with the romanisation people use in their mail aliases. faker has
 * the native names but no romanisation, and a UPN of `@contoso.com` alone is useless.
 */
export type NamePair = readonly [native: string, romanised: string];

// prettier-ignore
export const JA_FAMILY: readonly NamePair[] = [
  ['佐藤', 'sato'], ['鈴木', 'suzuki'], ['高橋', 'takahashi'], ['田中', 'tanaka'], ['伊藤', 'ito'],
  ['渡辺', 'watanabe'], ['山本', 'yamamoto'], ['中村', 'nakamura'], ['小林', 'kobayashi'],
  ['加藤', 'kato'], ['吉田', 'yoshida'], ['山田', 'yamada'], ['佐々木', 'sasaki'], ['山口', 'yamaguchi'],
  ['松本', 'matsumoto'], ['井上', 'inoue'], ['木村', 'kimura'], ['林', 'hayashi'], ['斎藤', 'saito'],
  ['清水', 'shimizu'],
];

// prettier-ignore
export const JA_GIVEN: readonly NamePair[] = [
  ['翔太', 'shota'], ['大輔', 'daisuke'], ['健太', 'kenta'], ['拓也', 'takuya'], ['直樹', 'naoki'],
  ['陽菜', 'hina'], ['結衣', 'yui'], ['美咲', 'misaki'], ['さくら', 'sakura'], ['花子', 'hanako'],
  ['太郎', 'taro'], ['裕子', 'yuko'], ['恵', 'megumi'], ['健一', 'kenichi'], ['由美', 'yumi'],
  ['亮', 'ryo'], ['愛', 'ai'], ['誠', 'makoto'], ['彩', 'aya'], ['和也', 'kazuya'],
];

// prettier-ignore
export const ZH_FAMILY: readonly NamePair[] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'],
  ['黄', 'huang'], ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'],
  ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['林', 'lin'], ['高', 'gao'],
  ['罗', 'luo'],
];

// prettier-ignore
export const ZH_GIVEN: readonly NamePair[] = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'],
  ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'],
  ['杰', 'jie'], ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['秀英', 'xiuying'], ['霞', 'xia'],
  ['建华', 'jianhua'], ['子涵', 'zihan'], ['浩然', 'haoran'], ['欣怡', 'xinyi'], ['思远', 'siyuan'],
];

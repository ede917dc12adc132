package io.c360.config;

/** All c360 settings, loaded and validated once by {@link SettingsLoader}. */
public final class Settings {
  private final String profile;
  private final LakeSettings lake;
  private final SparkSettings spark;
  private final QualitySettings quality;
  private final PublishSettings publish;
  private final StorageSettings storage;
  private final BronzeSettings bronze;
  private final SecretsSettings secrets;
  private final int percentileAccuracy;
  private final long generateSeed;
  private final String effective;

  Settings(String profile, LakeSettings lake, SparkSettings spark, QualitySettings quality, PublishSettings publish,
      StorageSettings storage, BronzeSettings bronze, SecretsSettings secrets, int percentileAccuracy,
      long generateSeed, String effective) {
    this.profile = profile;
    this.lake = lake;
    this.spark = spark;
    this.quality = quality;
    this.publish = publish;
    this.storage = storage;
    this.bronze = bronze;
    this.secrets = secrets;
    this.percentileAccuracy = percentileAccuracy;
    this.generateSeed = generateSeed;
    this.effective = effective;
  }

  public String profile() {
    return profile;
  }

  public LakeSettings lake() {
    return lake;
  }

  public SparkSettings spark() {
    return spark;
  }

  public QualitySettings quality() {
    return quality;
  }

  public PublishSettings publish() {
    return publish;
  }

  public StorageSettings storage() {
    return storage;
  }

  public BronzeSettings bronze() {
    return bronze;
  }

  public SecretsSettings secrets() {
    return secrets;
  }

  /** {@code c360.gold.percentile-accuracy}. */
  public int percentileAccuracy() {
    return percentileAccuracy;
  }

  /** {@code c360.generate.seed}. */
  public long generateSeed() {
    return generateSeed;
  }

  /** The effective {@code c360} settings as HOCON with the origin of each value, for --verbose. */
  public String describe() {
    return effective;
  }
}

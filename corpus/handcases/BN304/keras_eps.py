from tensorflow.keras import layers

bn = layers.BatchNormalization(epsilon=0.5)  # expect: BN304
ok = layers.BatchNormalization(epsilon=1e-3)
ln = layers.LayerNormalization(epsilon=0.0)  # expect: BN304

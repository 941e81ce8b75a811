from tensorflow.keras import layers

bn = layers.BatchNormalization(axis=1, center=False, scale=True, beta_initializer="zeros", gamma_regularizer=None, renorm=False)
conv = layers.Conv2D(16, 3, data_format="channels_first", use_bias=False, kernel_initializer="he_normal", groups=1)
dense = layers.Dense(8, kernel_regularizer="l2", bias_constraint=None, use_bias=True)

from tensorflow.keras import layers

head = layers.Dense(10, use_bias=False, kernel_init="he_normal")  # expect: BN303

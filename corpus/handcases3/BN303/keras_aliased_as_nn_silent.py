from tensorflow.keras import layers as nn

bn = nn.BatchNormalization(epsilon=1e-3, momentum=0.99)
conv = nn.Conv2D(32, 3, use_bias=False)
dense = nn.Dense(10, use_bias=True)

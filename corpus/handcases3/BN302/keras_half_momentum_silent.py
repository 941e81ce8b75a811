from tensorflow.keras import layers

bn = layers.BatchNormalization(momentum=0.5)
bn2 = layers.BatchNormalization(momentum=0.95, epsilon=1e-5)
